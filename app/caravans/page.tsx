// Where the caravans are: the map and the same caravans as a list, each as this reader may see it
// (region and status for the public; place and headcount for verified groups).
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { serverApi } from "../_trpc/server";
import { CaravanMap } from "./caravan-map";
import { Corroboration } from "./corroboration";
import { Whereabouts } from "./whereabouts";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("caravans"))("title") };
}

export default async function CaravansPage() {
  const [api, t, tc, ts] = await Promise.all([
    serverApi(),
    getTranslations("caravans"),
    getTranslations("countries"),
    getTranslations("caravanStatus"),
  ]);
  const [{ caravans, access, canCreate }, points] = await Promise.all([
    api.caravans.list(),
    api.meetingPoints.list(),
  ]);
  return (
    <div className="space-y-5">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p>{t("lead")}</p>
        <p className="rounded-md border border-brand-100 bg-white p-3 text-sm">
          {access === "full" ? t("fullNotice") : t("publicNotice")}
        </p>
        {canCreate && (
          <div className="flex flex-wrap items-center gap-3">
            <Link
              href="/caravans/new"
              className="inline-block rounded-md bg-brand-700 px-3 py-2 font-medium text-white"
            >
              {t("newCaravan")}
            </Link>
            {/* A download, not a page: a plain link so the router never prefetches it. */}
            <a href="/caravans/export.csv" className="text-sm font-medium text-brand-700 underline">
              {t("exportHxl")}
            </a>
          </div>
        )}
      </header>
      <CaravanMap caravans={caravans} meetingPoints={points} />
      <section aria-labelledby="caravan-list" className="space-y-2">
        <h2 id="caravan-list" className="text-xl font-semibold">
          {t("listTitle")}
        </h2>
        {caravans.length === 0 && <p>{t("empty")}</p>}
        <ul className="space-y-2">
          {caravans.map((caravan) => (
            <li key={caravan.id} className="rounded-lg bg-white p-3 shadow-sm">
              <Link href={`/caravans/${caravan.id}`} className="font-semibold text-brand-700 underline">
                {caravan.name}
              </Link>
              <p className="text-sm">
                <span className="font-medium">{ts(caravan.status)}</span> ·{" "}
                {t("from", { country: tc(caravan.origin) })}
              </p>
              <Whereabouts caravan={caravan} className="text-sm text-gray-700" />
              <Corroboration caravan={caravan} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
