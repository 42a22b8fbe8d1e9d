// The retention clocks, for admins: how long each class of data is kept, and what the last daily
// sweep removed. The clocks are set in server/retention/retention.ts, not here.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { currentSession } from "@/server/auth";
import { serverApi } from "../../_trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("retention"))("title"), robots: { index: false } };
}

export default async function RetentionPage() {
  if (!(await currentSession())?.user?.isAdmin) notFound();
  const [api, t, format] = await Promise.all([serverApi(), getTranslations("retention"), getFormatter()]);
  const { clocks, lastSweep } = await api.retention.clocks();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p>{t("lead")}</p>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse bg-white text-left text-sm shadow-sm">
          <caption className="sr-only">{t("title")}</caption>
          <thead>
            <tr className="border-b border-gray-300">
              <th scope="col" className="p-2">
                {t("data")}
              </th>
              <th scope="col" className="p-2">
                {t("keptFor")}
              </th>
              <th scope="col" className="p-2">
                {t("lastRemoved")}
              </th>
            </tr>
          </thead>
          <tbody>
            {clocks.map((clock) => (
              <tr key={clock.key} className="border-b border-gray-200 align-top">
                <th scope="row" className="p-2 font-normal">
                  <span className="font-medium">{t(`clocks.${clock.key}.name`)}</span>
                  <span className="block text-gray-700">{t(`clocks.${clock.key}.what`)}</span>
                </th>
                <td className="p-2">
                  {clock.days === 0 ? t("untilExpiry") : t("days", { days: clock.days })}
                </td>
                <td className="p-2">{lastSweep ? (lastSweep.removed[clock.key] ?? 0) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-sm text-gray-700">
        {lastSweep
          ? t("lastSweep", { at: format.dateTime(lastSweep.at, { dateStyle: "medium", timeStyle: "short" }) })
          : t("noSweepYet")}
      </p>
    </div>
  );
}
