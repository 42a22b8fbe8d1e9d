// What gathers at a meeting point: the actions tied to it and the caravans expected there, each as
// the viewer may see it (server/meeting-points/meeting-points.ts). On a chosen point it comes first.
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ExpectedArrival } from "@/server/caravans/arrivals";
import { ActionList } from "../../actions/action-list";

interface GatheringAction {
  id: string;
  title: string;
  kind: string;
  placeName: string;
  timeZone: string;
  startsAt: Date;
  endsAt: Date;
  visibility: "public" | "members";
  groupName: string;
}

export async function Gathering({
  actions,
  arrivals,
  prominent,
}: {
  actions: GatheringAction[];
  arrivals: ExpectedArrival[];
  prominent: boolean;
}) {
  const [t, tk, ts, tc, format] = await Promise.all([
    getTranslations("gathering"),
    getTranslations("actionKinds"),
    getTranslations("caravanStatus"),
    getTranslations("caravans"),
    getFormatter(),
  ]);
  const day = (s: string) =>
    format.dateTime(new Date(`${s}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const window = (a: Extract<ExpectedArrival, { access: "full" }>) =>
    a.from && a.until
      ? t("window", { from: day(a.from), until: day(a.until) })
      : a.from
        ? t("windowFrom", { from: day(a.from) })
        : a.until
          ? t("windowUntil", { until: day(a.until) })
          : t("windowUnknown");
  const box = prominent ? "space-y-3 rounded-lg border-2 border-amber-700 bg-white p-4" : "space-y-3";
  return (
    <div className="space-y-5">
      <section aria-labelledby="gathering-actions" className={box}>
        <h2 id="gathering-actions" className="text-xl font-semibold">
          {t("actionsTitle")}
        </h2>
        <ActionList
          actions={actions}
          emptyText={t("noActions")}
          detail={(action) =>
            `${tk(action.kind)} · ${action.groupName}${action.visibility === "members" ? ` · ${t("membersOnly")}` : ""}`
          }
        />
      </section>
      <section aria-labelledby="gathering-arrivals" className={box}>
        <h2 id="gathering-arrivals" className="text-xl font-semibold">
          {t("arrivalsTitle")}
        </h2>
        {arrivals.length === 0 ? (
          <p className="text-sm text-gray-700">{t("noArrivals")}</p>
        ) : (
          <ul className="space-y-2">
            {arrivals.map((a) => (
              <li key={a.id} className="rounded-md bg-white p-3 shadow-sm">
                <Link href={`/caravans/${a.id}`} className="font-medium text-brand-700 underline">
                  {a.name}
                </Link>{" "}
                <span className="text-sm text-gray-700">· {ts(a.status)}</span>
                {a.access === "full" ? (
                  <>
                    <p className="text-sm font-medium">{window(a)}</p>
                    <p className="text-sm">
                      {a.headcount !== null && `${tc("people", { count: a.headcount })} · `}
                      {t("reported", { ago: format.relativeTime(a.reportedAt) })} ·{" "}
                      {tc(`verification.${a.verification}`)}
                    </p>
                  </>
                ) : (
                  <p className="text-sm">
                    {a.region ? tc("regionLine", { region: tc(`region.${a.region}`) }) : tc("noRegion")}
                    {a.headcountBand &&
                      ` · ${
                        a.headcountBand.to === null
                          ? tc("corroboration.bandOpen", { from: a.headcountBand.from })
                          : tc("corroboration.band", { from: a.headcountBand.from, to: a.headcountBand.to })
                      }`}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
        {arrivals.some((a) => a.access === "public") && (
          <p className="text-sm text-gray-700">{t("coarseNote")}</p>
        )}
      </section>
    </div>
  );
}
