// On the home: the person's next shifts with their time (in the action's own zone), place and
// standing, a link to the action and one to add it to a calendar; or, with none, where to find one.
import Link from "next/link";
import { getFormatter, getTimeZone, getTranslations } from "next-intl/server";
import type { Home } from "@/server/home/home";
import { spanFormat } from "../actions/when";

export async function NextShifts({ shifts, more }: { shifts: Home["shifts"]; more: number }) {
  const [t, ta, format] = await Promise.all([
    getTranslations("myHome"),
    getTranslations("actions"),
    getFormatter(),
  ]);
  const readerZone = await getTimeZone();
  return (
    <section aria-labelledby="next-shifts" className="space-y-2">
      <h2 id="next-shifts" className="text-lg font-semibold">
        {t("shiftsTitle")}
      </h2>
      {shifts.length === 0 ? (
        <div className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
          <p>{t("noShifts")}</p>
          <Link
            href="/actions"
            className="inline-block rounded-md bg-brand-700 px-4 py-2 font-medium text-white"
          >
            {ta("findAction")}
          </Link>
        </div>
      ) : (
        <ul aria-labelledby="next-shifts" className="divide-y divide-brand-100 rounded-lg bg-white shadow-sm">
          {shifts.map((shift) => (
            <li key={shift.id} className="space-y-1 px-4 py-3">
              <Link
                href={`/actions/${shift.actionId}`}
                className="font-semibold text-brand-800 underline underline-offset-2"
              >
                {shift.title} · {shift.role}
              </Link>
              <p className="text-sm">
                {format.dateTimeRange(shift.startsAt, shift.endsAt, spanFormat(shift.timeZone, readerZone))}
              </p>
              <p className="text-sm text-gray-700">{shift.placeName}</p>
              <p className="flex flex-wrap items-center gap-x-3 text-sm">
                <span className="font-medium">
                  {shift.actionStatus === "cancelled"
                    ? t("cancelled")
                    : shift.status === "waitlisted"
                      ? ta("youWait", { position: shift.position ?? 0 })
                      : ta("youreIn")}
                </span>
                {shift.actionStatus !== "cancelled" && (
                  // A file download, not a page: a plain link, never prefetched.
                  <a
                    href={`/actions/${shift.actionId}/ics`}
                    download
                    aria-label={t("addToCalendarFor", { title: shift.title })}
                    className="text-brand-700 underline"
                  >
                    {t("addToCalendar")}
                  </a>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      {more > 0 && (
        <Link href="/me" className="text-sm text-brand-700 underline">
          {t("moreShifts", { count: more })}
        </Link>
      )}
    </section>
  );
}
