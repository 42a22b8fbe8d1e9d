// One caravan. The public sees its region and status; verified groups, admins and its delegates
// see its timeline of reports, the headcount trend, the latest needs and the expected arrivals,
// confirm reports, and (admins) name its delegates.
import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import { orNotFound, serverApi } from "../../_trpc/server";
import { CaravanMap } from "../caravan-map";
import { Delegates } from "./delegates";
import { Timeline } from "./timeline";
import { Corroboration } from "../corroboration";
import { Whereabouts } from "../whereabouts";

type Params = Promise<{ id: string }>;

// generateMetadata and the page both read it: once per request (and one audited read).
const byId = cache(async (caravanId: string) => orNotFound((await serverApi()).caravans.get({ caravanId })));
const load = async (params: Params) => byId((await params).id);

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: (await load(params)).caravan.name, robots: { index: false } };
}

export default async function CaravanPage({ params }: { params: Params }) {
  const [{ caravan, canEdit, canReport }, t, tc, ts, format] = await Promise.all([
    load(params),
    getTranslations("caravans"),
    getTranslations("countries"),
    getTranslations("caravanStatus"),
    getFormatter(),
  ]);
  const day = (s: string) =>
    format.dateTime(new Date(`${s}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  return (
    <article className="space-y-5">
      <header className="space-y-1">
        <p className="text-sm font-semibold text-brand-700">{ts(caravan.status)}</p>
        <h1 className="text-2xl font-bold">{caravan.name}</h1>
        <p className="text-sm text-gray-700">
          {t("from", { country: tc(caravan.origin) })} · {t("departed", { date: day(caravan.departureDate) })}
          {caravan.access === "full" && ` · ${t("estimatedSize", { count: caravan.estimatedSize })}`}
        </p>
        <Whereabouts caravan={caravan} />
        <Corroboration caravan={caravan} />
        <div className="flex flex-wrap gap-2 pt-1">
          {canReport && (
            <Link
              href={`/caravans/${caravan.id}/report`}
              className="rounded-md bg-brand-700 px-3 py-2 font-medium text-white"
            >
              {t("report")}
            </Link>
          )}
          {canEdit && (
            <Link
              href={`/caravans/${caravan.id}/edit`}
              className="rounded-md border border-brand-700 px-3 py-2 font-medium text-brand-700"
            >
              {t("edit")}
            </Link>
          )}
        </div>
      </header>
      <p className="rounded-md border border-brand-100 bg-white p-3 text-sm">
        {caravan.access === "full" ? t("fullNotice") : t("publicNotice")}
      </p>
      <CaravanMap caravans={[caravan]} titleId="one-caravan-map" />
      {caravan.access === "full" && (
        <>
          <section aria-labelledby="arrivals" className="space-y-2">
            <h2 id="arrivals" className="text-xl font-semibold">
              {t("arrivalsTitle")}
            </h2>
            {caravan.expectedArrivals.length === 0 ? (
              <p>{t("noArrivals")}</p>
            ) : (
              <ul className="list-disc space-y-1 pl-5">
                {caravan.expectedArrivals.map((a, i) => {
                  const place = a.meetingPointName;
                  return (
                    <li key={`${a.meetingPointId}-${i}`}>
                      {a.from && a.until
                        ? t("arrivalWindow", { place, from: day(a.from), until: day(a.until) })
                        : a.from
                          ? t("arrivalOpen", { place, from: day(a.from) })
                          : a.until
                            ? t("arrivalUntil", { place, until: day(a.until) })
                            : t("arrivalSometime", { place })}
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
          <Timeline caravan={caravan} />
          {caravan.delegates && <Delegates caravanId={caravan.id} delegates={caravan.delegates} />}
        </>
      )}
    </article>
  );
}
