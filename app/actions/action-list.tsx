// A short list of upcoming actions, for the home page, a group's page and a meeting point's page.
import type { ReactNode } from "react";
import Link from "next/link";
import { getFormatter, getTimeZone, getTranslations } from "next-intl/server";
import { spanFormat } from "./when";

interface Item {
  id: string;
  title: string;
  placeName: string;
  timeZone: string;
  startsAt: Date;
  endsAt: Date;
  /** Places on its shifts and how many are taken, where the list says how many are left. */
  places?: number;
  taken?: number;
}

export async function ActionList<T extends Item>({
  actions,
  emptyText,
  detail,
}: {
  actions: T[];
  emptyText: string;
  /** One more line under an action, where the list needs one (kind, group, who may see it). */
  detail?: (action: T) => ReactNode;
}) {
  const [t, format] = await Promise.all([getTranslations("actions"), getFormatter()]);
  const readerZone = await getTimeZone();
  if (actions.length === 0) return <p className="text-sm text-gray-700">{emptyText}</p>;
  return (
    <ul className="space-y-2">
      {actions.map((action) => (
        <li key={action.id} className="rounded-md bg-white p-3 shadow-sm">
          <Link href={`/actions/${action.id}`} className="font-medium text-brand-700 underline">
            {action.title}
          </Link>
          <p className="text-sm">
            {format.dateTimeRange(action.startsAt, action.endsAt, spanFormat(action.timeZone, readerZone))} ·{" "}
            {action.placeName}
          </p>
          {action.places !== undefined && action.places > 0 && (
            <p className="text-sm">{t("placesLeft", { left: action.places - (action.taken ?? 0) })}</p>
          )}
          {detail && <p className="text-sm text-gray-700">{detail(action)}</p>}
        </li>
      ))}
    </ul>
  );
}
