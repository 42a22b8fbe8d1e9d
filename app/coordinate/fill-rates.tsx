// On the overview: the next actions of the reader's groups, each shift as a bar of places taken out
// of places offered; shifts under half full stand out, in words as well as in colour.
import Link from "next/link";
import { getFormatter, getTimeZone, getTranslations } from "next-intl/server";
import type { Overview } from "@/server/coordinate/overview";
import { spanFormat } from "../actions/when";
import { Bar } from "./charts";

export async function FillRates({ actions }: { actions: Overview["actions"] }) {
  const [t, format] = await Promise.all([getTranslations("overview"), getFormatter()]);
  const readerZone = await getTimeZone();
  return (
    <section aria-labelledby="fill-rates" className="space-y-2">
      <h2 id="fill-rates" className="text-xl font-semibold">
        {t("actionsTitle")}
      </h2>
      {actions.length === 0 ? (
        <p>{t("noActions")}</p>
      ) : (
        <ul className="space-y-3">
          {actions.map((action) => (
            <li key={action.id}>
              <article
                aria-labelledby={`action-${action.id}`}
                className="space-y-2 rounded-lg bg-white p-4 shadow-sm"
              >
                <header>
                  <h3 id={`action-${action.id}`} className="font-semibold">
                    <Link href={`/actions/${action.id}/manage`} className="text-brand-800 underline">
                      {action.title}
                    </Link>
                  </h3>
                  <p className="text-sm text-gray-700">
                    {format.dateTime(action.startsAt, spanFormat(action.timeZone, readerZone))} ·{" "}
                    {action.placeName} · {action.groupName}
                  </p>
                </header>
                {action.shifts.length === 0 ? (
                  <p className="text-sm">{t("noShifts")}</p>
                ) : (
                  <ul className="space-y-2">
                    {action.shifts.map((shift) => {
                      const low = shift.taken * 2 < shift.capacity;
                      return (
                        <li key={shift.id} className="text-sm">
                          <span className="flex flex-wrap justify-between gap-x-2">
                            <span>
                              <span className="font-medium">{shift.role}</span>{" "}
                              <span className="text-gray-700">
                                ·{" "}
                                {format.dateTimeRange(shift.startsAt, shift.endsAt, {
                                  hour: "numeric",
                                  minute: "2-digit",
                                  timeZone: action.timeZone,
                                })}
                              </span>
                            </span>
                            <span className={low ? "font-semibold text-amber-800" : undefined}>
                              {t("fill", {
                                taken: shift.taken,
                                capacity: shift.capacity,
                                rate: shift.taken / shift.capacity,
                              })}
                              {low && ` · ${t("underHalf")}`}
                              {shift.waitlisted > 0 && ` · ${t("waiting", { count: shift.waitlisted })}`}
                            </span>
                          </span>
                          <Bar value={shift.taken} max={shift.capacity} tone={low ? "warn" : "ok"} />
                        </li>
                      );
                    })}
                  </ul>
                )}
              </article>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
