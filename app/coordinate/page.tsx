// The coordinators' overview: the whole effort on one screen for the coordinators and organizers of
// groups (and admins): caravans, the open decision and its turnout, the next actions and how full
// their shifts are, messages whose emails failed. One call to the server (coordinate.overview); charts
// are SVG drawn here, with no script.
import type { Metadata } from "next";
import { TRPCError } from "@trpc/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { currentSession } from "@/server/auth";
import type { Overview } from "@/server/coordinate/overview";
import { serverApi } from "../_trpc/server";
import { inLanguage } from "../messages/language";
import { Caravans } from "./caravans";
import { Bar } from "./charts";
import { FillRates } from "./fill-rates";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("overview"))("title"), robots: { index: false } };
}

export default async function CoordinatePage() {
  if (!(await currentSession())?.user) redirect("/signin?callbackUrl=/coordinate");
  const [api, t, tr] = await Promise.all([
    serverApi(),
    getTranslations("overview"),
    getTranslations("roles"),
  ]);
  const overview = await api.coordinate.overview().catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return null;
    throw error;
  });
  if (!overview) {
    return (
      <div className="space-y-3">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="rounded-md border border-brand-100 bg-white p-3">{t("forOrganizers")}</p>
        <Link href="/home" className="text-brand-700 underline">
          {t("backHome")}
        </Link>
      </div>
    );
  }
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        {overview.groups.length > 0 && (
          <p className="text-sm text-gray-800">
            {t("yourGroups")}{" "}
            {overview.groups.map((group, i) => (
              <span key={group.id}>
                {i > 0 && ", "}
                <Link href={`/groups/${group.slug}`} className="text-brand-700 underline">
                  {group.name}
                </Link>{" "}
                ({tr(group.role)}
                {!group.verified && ` · ${t("notVerified")}`})
              </span>
            ))}
          </p>
        )}
      </header>
      {overview.caravanAccess === "public" && (
        <p className="rounded-md border border-sun-500 bg-white p-3 text-sm">{t("publicCaravans")}</p>
      )}
      <Caravans caravans={overview.caravans} />
      <Decisions decisions={overview.decisions} />
      <FillRates actions={overview.actions} />
      <FailedDeliveries failed={overview.failed} />
    </div>
  );
}

async function Decisions({ decisions }: { decisions: Overview["decisions"] }) {
  const [t, format] = await Promise.all([getTranslations("overview"), getFormatter()]);
  return (
    <section aria-labelledby="open-decisions" className="space-y-2">
      <h2 id="open-decisions" className="text-xl font-semibold">
        {t("decisionsTitle")}
      </h2>
      {decisions.length === 0 ? (
        <p>{t("noDecision")}</p>
      ) : (
        <ul className="space-y-3">
          {decisions.map((d) => (
            <li key={d.id} className="space-y-1 rounded-lg bg-white p-4 shadow-sm">
              <Link href={`/decisions/${d.id}`} className="font-semibold text-brand-800 underline">
                {d.question}
              </Link>
              <p className="text-sm text-gray-700">
                {t("closes", {
                  when: format.dateTime(d.closesAt, { dateStyle: "medium", timeStyle: "short" }),
                  ago: format.relativeTime(d.closesAt),
                })}
              </p>
              <p className="text-sm">
                {t("turnout", {
                  cast: d.ballotsCast,
                  eligible: d.eligible,
                  rate: d.eligible > 0 ? d.ballotsCast / d.eligible : 0,
                  quorum: d.quorum,
                })}
                {d.ballotsCast < d.quorum && (
                  <span className="font-semibold text-amber-800"> · {t("belowQuorum")}</span>
                )}
              </p>
              <Bar
                value={d.ballotsCast}
                max={Math.max(d.eligible, d.quorum, 1)}
                mark={d.quorum}
                tone={d.ballotsCast < d.quorum ? "warn" : "ok"}
              />
              {d.notYetVoted.length > 0 && (
                <p className="text-sm font-medium">
                  {t("notYetVoted", { voters: format.list(d.notYetVoted) })}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

async function FailedDeliveries({ failed }: { failed: Overview["failed"] }) {
  const [t, format, locale] = await Promise.all([getTranslations("overview"), getFormatter(), getLocale()]);
  return (
    <section aria-labelledby="failed-deliveries" className="space-y-2">
      <h2 id="failed-deliveries" className="text-xl font-semibold">
        {t("failedTitle")}
      </h2>
      {failed.length === 0 ? (
        <p>{t("noFailures")}</p>
      ) : (
        <ul className="divide-y divide-brand-100 rounded-lg bg-white shadow-sm">
          {failed.map((m) => (
            <li key={m.id}>
              <Link href={`/inbox/${m.id}`} className="block px-4 py-3 hover:bg-brand-50">
                <span className="font-semibold text-brand-800 underline">
                  {inLanguage(m, locale) || t("noSubject")}
                </span>
                <span className="block text-sm text-gray-700">
                  {t("failedLine", { failed: m.failed, recipients: m.recipients })} ·{" "}
                  {format.dateTime(m.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
