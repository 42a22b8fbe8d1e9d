// The needs board: the open needs of the caravans' latest reports, by place, what is pledged
// against each, and pledging, withdrawing or delivering for one's group. Verified groups only.
import type { Metadata } from "next";
import { TRPCError } from "@trpc/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { currentSession } from "@/server/auth";
import { serverApi } from "../_trpc/server";
import { PledgeForm, SettlePledge } from "./pledge-forms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("needs"))("title"), robots: { index: false } };
}

export default async function NeedsPage() {
  if (!(await currentSession())?.user) redirect(`/signin?callbackUrl=${encodeURIComponent("/needs")}`);
  const [api, t, tn, tc, format] = await Promise.all([
    serverApi(),
    getTranslations("needs"),
    getTranslations("needKinds"),
    getTranslations("caravans"),
    getFormatter(),
  ]);
  const board = await api.needs.board().catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return null;
    throw error;
  });
  const day = (s: string) =>
    format.dateTime(new Date(`${s}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  return (
    <div className="space-y-5">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p>{t("lead")}</p>
      </header>
      {!board ? (
        <p className="rounded-md border border-brand-100 bg-white p-3">{t("forVerified")}</p>
      ) : board.places.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        board.places.map((place, p) => (
          <section key={place.placeName} aria-labelledby={`place-${p}`} className="space-y-2">
            <h2 id={`place-${p}`} className="text-xl font-semibold">
              {place.placeName}
            </h2>
            <ul className="space-y-3">
              {place.needs.map((need) => (
                <li key={need.id}>
                  <article
                    id={`need-${need.id}`}
                    aria-label={`${tn(need.kind)} · ${place.placeName}`}
                    className="scroll-mt-4 space-y-2 rounded-lg bg-white p-3 shadow-sm target:ring-2 target:ring-brand-700"
                  >
                    <p className="flex flex-wrap items-baseline justify-between gap-2">
                      <span className="font-semibold">
                        {tn(need.kind)}
                        {need.quantity !== null && ` · ${format.number(need.quantity)}`}
                      </span>
                      <span
                        className={need.covered ? "font-bold text-brand-800" : "font-medium text-amber-800"}
                      >
                        {need.covered ? t("covered") : t("open")}
                      </span>
                    </p>
                    {need.note && <p className="text-sm">{need.note}</p>}
                    <p className="text-sm">
                      {need.quantity !== null
                        ? tc("pledgedOf", { pledged: need.pledged, quantity: need.quantity })
                        : tc("pledgedSoFar", { pledged: need.pledged })}
                    </p>
                    <p className="text-sm text-gray-700">
                      <Link href={`/caravans/${need.caravanId}`} className="target underline">
                        {t("caravanLine", {
                          caravan: need.caravanName,
                          date: format.dateTime(need.reportedAt, { dateStyle: "medium" }),
                          verification: tc(`verification.${need.verification}`),
                        })}
                      </Link>
                    </p>
                    {need.pledges.length > 0 && (
                      <ul className="space-y-1 border-t pt-2 text-sm" aria-label={t("pledgesTitle")}>
                        {need.pledges.map((pledge) => (
                          <li key={pledge.id} className="flex flex-wrap items-center gap-2">
                            <span>
                              {t("pledgeLine", {
                                group: pledge.groupName,
                                what: pledge.what,
                                quantity: pledge.quantity,
                                date: day(pledge.byDate),
                              })}{" "}
                              ({t(`pledgeStatus.${pledge.status === "delivered" ? "delivered" : "pledged"}`)})
                            </span>
                            {pledge.status === "pledged" &&
                              board.pledgingGroups.some((g) => g.id === pledge.groupId) && (
                                <SettlePledge groupId={pledge.groupId} pledgeId={pledge.id} />
                              )}
                          </li>
                        ))}
                      </ul>
                    )}
                    {board.pledgingGroups.length > 0 && !need.covered && (
                      <PledgeForm
                        needId={need.id}
                        groups={board.pledgingGroups}
                        label={t("pledgeFor", { need: tn(need.kind), place: place.placeName })}
                        suggestedWhat={tn(need.kind)}
                      />
                    )}
                  </article>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
      {board && board.pledgingGroups.length === 0 && <p className="text-sm">{t("pledgeNeedsGroup")}</p>}
    </div>
  );
}
