// On the overview: each caravan on its way. Readers in verified groups see the latest report and
// its age, the headcount over time, the expected arrival and the open needs with what is pledged;
// everyone else sees the region, a headcount band and how corroborated the latest position is.
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { CaravanAtAGlance } from "@/server/caravans/glance";
import { Bar, HeadcountLine } from "./charts";

type Full = Extract<CaravanAtAGlance, { access: "full" }>;
type Public = Extract<CaravanAtAGlance, { access: "public" }>;

export async function Caravans({ caravans }: { caravans: CaravanAtAGlance[] }) {
  const [t, tc, ts] = await Promise.all([
    getTranslations("overview"),
    getTranslations("caravans"),
    getTranslations("caravanStatus"),
  ]);
  return (
    <section aria-labelledby="caravans" className="space-y-2">
      <h2 id="caravans" className="text-xl font-semibold">
        {t("caravansTitle")}
      </h2>
      {caravans.length === 0 ? (
        <p>{t("noCaravans")}</p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2">
          {caravans.map((caravan) => (
            <li key={caravan.id}>
              <article
                aria-labelledby={`caravan-${caravan.id}`}
                className="space-y-2 rounded-lg bg-white p-4 shadow-sm"
              >
                <header>
                  <h3 id={`caravan-${caravan.id}`} className="font-semibold">
                    <Link href={`/caravans/${caravan.id}`} className="text-brand-800 underline">
                      {caravan.name}
                    </Link>
                  </h3>
                  <p className="text-sm text-gray-700">
                    {ts(caravan.status)}
                    {caravan.region && ` · ${tc(`region.${caravan.region}`)}`}
                  </p>
                </header>
                {caravan.access === "full" ? (
                  <FullCaravan caravan={caravan} />
                ) : (
                  <PublicCaravan caravan={caravan} />
                )}
              </article>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

async function PublicCaravan({ caravan }: { caravan: Public }) {
  const [t, format] = await Promise.all([getTranslations("caravans.corroboration"), getFormatter()]);
  const band = caravan.headcountBand;
  return (
    <p className="text-sm">
      {band &&
        `${band.to === null ? t("bandOpen", { from: band.from }) : t("band", { from: band.from, to: band.to })} · `}
      {caravan.corroboration
        ? `${t("groups", { count: caravan.corroboration.groups })} · ${t("newest", { ago: format.relativeTime(caravan.corroboration.reportedAt) })}`
        : null}
    </p>
  );
}

async function FullCaravan({ caravan }: { caravan: Full }) {
  const [t, tc, tn, format] = await Promise.all([
    getTranslations("overview"),
    getTranslations("caravans"),
    getTranslations("needKinds"),
    getFormatter(),
  ]);
  const { latest, headcountTrend: trend, expectedArrival: arrival } = caravan;
  if (!latest) return <p className="text-sm">{tc("noReports")}</p>;
  const day = (s: string) =>
    format.dateTime(new Date(`${s}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const stale = latest.stale;
  const previous = trend.length >= 2 ? trend.at(-2)! : null;
  const change = previous ? latest.headcount - previous.headcount : 0;
  const most = Math.max(...trend.map((p) => p.headcount));
  return (
    <>
      <p>
        {t("latestReport", { place: latest.placeName, count: latest.headcount })}{" "}
        <span className={stale ? "font-semibold text-amber-800" : "text-gray-700"}>
          ·{" "}
          {stale
            ? t("staleReport", { ago: format.relativeTime(latest.reportedAt) })
            : format.relativeTime(latest.reportedAt)}
        </span>
      </p>
      {previous && (
        <p className="text-sm">
          {t("change", {
            change: change > 0 ? "up" : change < 0 ? "down" : "same",
            count: Math.abs(change),
            percent: previous.headcount > 0 ? Math.abs(change) / previous.headcount : 0,
          })}
        </p>
      )}
      {trend.length >= 2 && (
        <figure className="space-y-1">
          <figcaption className="text-sm font-medium">
            {tc("trendTitle")}
            <span className="block font-normal text-gray-700">
              {tc("trendDesc", { first: trend[0]!.headcount, last: latest.headcount, count: trend.length })}
            </span>
          </figcaption>
          <div className="grid grid-cols-[auto_1fr] gap-x-2 text-xs text-gray-700">
            <span className="self-start">{format.number(most)}</span>
            <HeadcountLine points={trend} />
            <span className="self-end">0</span>
            <span className="flex justify-between">
              <span>{format.dateTime(trend[0]!.at, { day: "numeric", month: "short" })}</span>
              <span>{format.dateTime(latest.reportedAt, { day: "numeric", month: "short" })}</span>
            </span>
          </div>
        </figure>
      )}
      <p className="text-sm">
        <span className="font-medium">{t("arrival")}: </span>
        {!arrival
          ? t("noArrival")
          : arrival.from && arrival.until
            ? tc("arrivalWindow", {
                place: arrival.meetingPointName,
                from: day(arrival.from),
                until: day(arrival.until),
              })
            : arrival.from
              ? tc("arrivalOpen", { place: arrival.meetingPointName, from: day(arrival.from) })
              : arrival.until
                ? tc("arrivalUntil", { place: arrival.meetingPointName, until: day(arrival.until) })
                : tc("arrivalSometime", { place: arrival.meetingPointName })}
      </p>
      <div className="space-y-1">
        <h4 className="text-sm font-medium">{t("needsTitle")}</h4>
        {caravan.needs.length === 0 ? (
          <p className="text-sm">{tc("noNeeds")}</p>
        ) : (
          <ul className="space-y-1.5">
            {caravan.needs.map((need) => (
              <li key={need.id} className="text-sm">
                <span className="flex flex-wrap justify-between gap-x-2">
                  <span className="font-medium">{tn(need.kind)}</span>
                  <span>
                    {need.quantity === null
                      ? tc("pledgedSoFar", { pledged: need.pledged })
                      : tc("pledgedOf", { pledged: need.pledged, quantity: need.quantity })}
                  </span>
                </span>
                {need.quantity !== null && (
                  <Bar
                    value={need.pledged}
                    max={need.quantity}
                    tone={need.pledged < need.quantity ? "warn" : "ok"}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
        <Link href="/needs" className="text-sm text-brand-700 underline">
          {t("toNeeds")}
        </Link>
      </div>
    </>
  );
}
