// A short list of upcoming actions, for the home page and a group's page.
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { spanFormat } from "./when";

interface Item {
  id: string;
  title: string;
  placeName: string;
  timeZone: string;
  startsAt: Date;
  endsAt: Date;
  places: number;
  taken: number;
}

export async function ActionList({ actions, emptyText }: { actions: Item[]; emptyText: string }) {
  const [t, format] = await Promise.all([getTranslations("actions"), getFormatter()]);
  if (actions.length === 0) return <p className="text-sm text-gray-700">{emptyText}</p>;
  return (
    <ul className="space-y-2">
      {actions.map((action) => (
        <li key={action.id} className="rounded-md bg-white p-3 shadow-sm">
          <Link href={`/actions/${action.id}`} className="font-medium text-brand-700 underline">
            {action.title}
          </Link>
          <p className="text-sm">
            {format.dateTimeRange(action.startsAt, action.endsAt, spanFormat(action.timeZone))} ·{" "}
            {action.placeName}
          </p>
          {action.places > 0 && (
            <p className="text-sm">{t("placesLeft", { left: action.places - action.taken })}</p>
          )}
        </li>
      ))}
    </ul>
  );
}
