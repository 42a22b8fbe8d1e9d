// The SMS volume per group per day, the last 14 days, against the daily cap (server/sms/cap.ts
// says who pays for a text and what is counted). A server component: nothing here is interactive.
import { getFormatter, getTranslations } from "next-intl/server";
import type { smsVolume } from "@/server/sms/cap";

type Volume = Awaited<ReturnType<typeof smsVolume>>;

export async function VolumeTable({ volume }: { volume: Volume }) {
  const [t, format] = await Promise.all([getTranslations("smsAdmin"), getFormatter()]);
  const { cap, days, rows } = volume;
  const number = (n: number) => format.number(n);
  return (
    <section aria-labelledby="sms-volume" className="space-y-2">
      <h2 id="sms-volume" className="text-xl font-semibold">
        {t("volumeTitle")}
      </h2>
      <p>{t("volumeLead", { days })}</p>
      {rows.length === 0 ? (
        <p>{t("volumeEmpty", { days })}</p>
      ) : (
        // Focusable so that a keyboard can scroll it on a narrow phone.
        <div className="overflow-x-auto" role="region" aria-labelledby="sms-volume" tabIndex={0}>
          <table className="w-full border-collapse bg-white text-left text-sm shadow-sm">
            <caption className="p-2 text-left text-gray-700">
              {cap === null ? t("volumeCaptionNoCap") : t("volumeCaption", { cap: number(cap) })}
            </caption>
            <thead>
              <tr className="border-b border-gray-300">
                <th scope="col" className="p-1.5">
                  {t("day")}
                </th>
                <th scope="col" className="p-1.5">
                  {t("group")}
                </th>
                <th scope="col" className="p-1.5 text-right">
                  {t("texts")}
                </th>
                <th scope="col" className="p-1.5 text-right">
                  {t("segments")}
                </th>
                <th scope="col" className="p-1.5 text-right">
                  {t("delivered")}
                </th>
                <th scope="col" className="p-1.5 text-right">
                  {t("failed")}
                </th>
                <th scope="col" className="p-1.5 text-right">
                  {t("cap")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr
                  key={`${row.day}:${row.group?.id ?? "caravans"}`}
                  className="border-b border-gray-200 align-top"
                >
                  <td className="p-1.5 whitespace-nowrap">
                    <time dateTime={row.day}>
                      {format.dateTime(new Date(`${row.day}T00:00:00Z`), {
                        day: "numeric",
                        month: "short",
                        timeZone: "UTC",
                      })}
                    </time>
                  </td>
                  <th scope="row" className="p-1.5 font-normal break-words">
                    {row.group ? row.group.name : t("caravansLine")}
                  </th>
                  <td className="p-1.5 text-right">{number(row.texts)}</td>
                  <td className="p-1.5 text-right">{number(row.segments)}</td>
                  <td className="p-1.5 text-right">{number(row.delivered)}</td>
                  <td className="p-1.5 text-right">
                    {number(row.failed)}
                    {row.capped > 0 && (
                      <span className="block text-xs text-red-800">
                        {t("overCap", { capped: number(row.capped) })}
                      </span>
                    )}
                  </td>
                  <td className="p-1.5 text-right">
                    {cap === null
                      ? t("noCap")
                      : row.capped > 0
                        ? t("capReached", { cap: number(cap) })
                        : number(cap)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
