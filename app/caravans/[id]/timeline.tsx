// The full view of a caravan's reports: the latest needs, the headcount over time, and every
// report newest first with its verification, and a button to confirm it where the reader may.
import { getFormatter, getTranslations } from "next-intl/server";
import type { FullCaravan } from "@/server/caravans/visibility";
import { ActionForm, FormMessage, SubmitButton } from "../../_forms/action-form";
import { confirmReportForm } from "../forms";

export async function Timeline({ caravan }: { caravan: FullCaravan }) {
  const [t, tn, format] = await Promise.all([
    getTranslations("caravans"),
    getTranslations("needKinds"),
    getFormatter(),
  ]);
  const trend = caravan.headcountTrend;
  const most = Math.max(1, ...trend.map((p) => p.headcount));
  return (
    <>
      <section aria-labelledby="latest-needs" className="space-y-2">
        <h2 id="latest-needs" className="text-xl font-semibold">
          {t("latestNeedsTitle")}
        </h2>
        {caravan.latestNeeds.length === 0 ? (
          <p>{t("noNeeds")}</p>
        ) : (
          <ul className="space-y-1">
            {caravan.latestNeeds.map((need) => (
              <li key={need.id} className="rounded-md bg-white p-2 shadow-sm">
                <span className="font-medium">{tn(need.kind)}</span>
                {need.quantity !== null &&
                  ` · ${t("pledgedOf", { pledged: need.pledged, quantity: need.quantity })}`}
                {need.note && <span className="text-gray-700"> · {need.note}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>

      {trend.length > 0 && (
        <section aria-labelledby="trend" className="space-y-2">
          <h2 id="trend" className="text-xl font-semibold">
            {t("trendTitle")}
          </h2>
          <p className="text-sm text-gray-700">
            {t("trendDesc", {
              first: trend[0]!.headcount,
              last: trend.at(-1)!.headcount,
              count: trend.length,
            })}
          </p>
          <ol className="space-y-1">
            {trend.map((point, i) => (
              <li key={i} className="grid grid-cols-[8rem_1fr] items-center gap-2 text-sm">
                <span>{format.dateTime(point.at, { dateStyle: "medium" })}</span>
                <span className="flex items-center gap-2">
                  <span
                    aria-hidden="true"
                    className="inline-block h-3 rounded bg-amber-700"
                    style={{ width: `${Math.max(2, (point.headcount / most) * 70)}%` }}
                  />
                  {t("people", { count: point.headcount })}
                </span>
              </li>
            ))}
          </ol>
        </section>
      )}

      <section aria-labelledby="timeline" className="space-y-2">
        <h2 id="timeline" className="text-xl font-semibold">
          {t("timelineTitle")}
        </h2>
        {caravan.timeline.length === 0 && <p>{t("noReports")}</p>}
        <ol className="space-y-2">
          {caravan.timeline.map((report) => (
            <li key={report.id} className="space-y-1 rounded-lg bg-white p-3 shadow-sm">
              <p className="font-semibold">
                {report.placeName} · {t("people", { count: report.headcount })}
              </p>
              <p className="text-sm">
                <span
                  className={
                    report.verification === "confirmed"
                      ? "font-medium text-brand-800"
                      : "font-medium text-amber-800"
                  }
                >
                  {t(`verification.${report.verification}`)}
                </span>
                {report.verification === "confirmed" &&
                  ` · ${report.confirmedGroupName ? t("confirmedBy", { group: report.confirmedGroupName }) : t("confirmedByCoordinator")}`}
              </p>
              <p className="text-sm text-gray-700">
                {format.dateTime(report.reportedAt, { dateStyle: "medium", timeStyle: "short" })} ·{" "}
                {report.reporterGroupName
                  ? t("reportedFor", {
                      name: report.reporterName ?? t("someone"),
                      group: report.reporterGroupName,
                    })
                  : t("reportedByDelegate", { name: report.reporterName ?? t("someone") })}
              </p>
              <p className="text-sm text-gray-700">
                {t("position")}: {report.latitude.toFixed(1)}, {report.longitude.toFixed(1)}
              </p>
              {report.needs.length > 0 && (
                <p className="text-sm">
                  {report.needs
                    .map((n) =>
                      [tn(n.kind), n.quantity ?? "", n.note].filter((part) => part !== "").join(" "),
                    )
                    .join(" · ")}
                </p>
              )}
              {report.canConfirm && (
                <ActionForm action={confirmReportForm} aria-label={`${t("confirm")}: ${report.placeName}`}>
                  <input type="hidden" name="reportId" value={report.id} />
                  <SubmitButton variant="secondary">{t("confirm")}</SubmitButton>
                  <FormMessage success={t("confirmedNow")} />
                </ActionForm>
              )}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
