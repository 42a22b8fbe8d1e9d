// On the home: everything waiting for the person, one line each, most pressing first; each line is
// a link to the page where it can be done (read the message, ratify or cast the ballot, deliver the pledge,
// answer the join request or the invitation).
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { Home } from "@/server/home/home";
import { inLanguage } from "../messages/language";

const kinds = {
  urgent: "bg-red-800 text-white",
  vote: "bg-brand-700 text-white",
  ratify: "bg-amber-800 text-white",
  pledge: "bg-amber-700 text-white",
  request: "bg-brand-100 text-brand-800",
  invitation: "bg-brand-100 text-brand-800",
} as const;

function Line({
  href,
  kind,
  label,
  title,
  detail,
}: {
  href: string;
  kind: keyof typeof kinds;
  label: string;
  title: string;
  detail: string;
}) {
  return (
    <li>
      <Link href={href} className="block px-4 py-3 hover:bg-brand-50">
        <span className="flex flex-wrap items-center gap-2">
          <span className={`rounded px-2 py-0.5 text-xs font-bold ${kinds[kind]}`}>{label}</span>
          <span className="font-semibold text-brand-800 underline underline-offset-2">{title}</span>
        </span>
        <span className="mt-0.5 block text-sm text-gray-700">{detail}</span>
      </Link>
    </li>
  );
}

export async function Waiting({ home }: { home: Home }) {
  const [t, td, tr, tn, format, locale] = await Promise.all([
    getTranslations("myHome"),
    getTranslations("delegateHome"),
    getTranslations("roles"),
    getTranslations("needKinds"),
    getFormatter(),
    getLocale(),
  ]);
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const day = (s: string) =>
    format.dateTime(new Date(`${s}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const lines = [
    ...home.urgent.map((m) => (
      <Line
        key={`m-${m.id}`}
        href={`/inbox/${m.id}`}
        kind="urgent"
        label={t("kind.urgent")}
        title={inLanguage(m, locale) || t("noSubject")}
        detail={`${t("from", { name: m.senderName ?? t("someone") })} · ${when(m.createdAt)}`}
      />
    )),
    // A winner waiting for the caravans: a delegate answers for their caravan; coordinators follow it.
    ...home.ratifications.map((r) => (
      <Line
        key={`rt-${r.decisionId}-${r.caravanId ?? ""}`}
        href={`/decisions/${r.decisionId}#ratification`}
        kind="ratify"
        label={t("kind.ratify")}
        title={r.question}
        detail={
          r.caravanName
            ? t("ratifyFor", { caravan: r.caravanName, by: when(r.ratifyBy!) })
            : t("ratifyWaiting", { by: when(r.ratifyBy!) })
        }
      />
    )),
    ...home.ballots.map((d) => (
      <Line
        key={`d-${d.id}`}
        href={`/decisions/${d.id}`}
        kind="vote"
        label={t("kind.vote")}
        title={d.question}
        detail={t("voteFor", {
          // Groups first, then the caravans the person speaks for: "your caravan", by name.
          voters: format.list([
            ...d.voters.slice(0, d.voters.length - d.caravans.length),
            ...d.caravans.map((caravan) => td("yourCaravan", { caravan })),
          ]),
          closes: when(d.closesAt),
          ago: format.relativeTime(d.closesAt),
        })}
      />
    )),
    ...home.pledges.map((p) => (
      <Line
        key={`p-${p.id}`}
        href={`/needs#need-${p.needId}`}
        kind="pledge"
        label={t("kind.pledge")}
        title={t("pledgeTitle", { what: p.what, caravan: p.caravanName })}
        detail={t(p.overdue ? "pledgeOverdue" : "pledgeDue", {
          group: p.groupName,
          need: tn(p.needKind),
          quantity: p.quantity,
          date: day(p.byDate),
        })}
      />
    )),
    ...home.requests.map((r) => (
      <Line
        key={`r-${r.groupId}`}
        href={`/groups/${r.slug}`}
        kind="request"
        label={t("kind.request")}
        title={t("requestTitle", { count: r.requests, group: r.name })}
        detail={r.oldest ? t("requestSince", { ago: format.relativeTime(r.oldest) }) : ""}
      />
    )),
    ...home.invitations.map((i) => (
      <Line
        key={`i-${i.id}`}
        href="/me#my-groups"
        kind="invitation"
        label={t("kind.invitation")}
        title={t("invitationTitle", { group: i.groupName, role: tr(i.role) })}
        detail={t("invitationUntil", { date: when(i.expiresAt) })}
      />
    )),
  ];
  return (
    <section aria-labelledby="waiting" className="space-y-2">
      <h2 id="waiting" className="text-lg font-semibold">
        {t("waitingTitle")}
      </h2>
      {lines.length === 0 ? (
        <p className="rounded-lg bg-white p-4 shadow-sm">{t("nothingWaiting")}</p>
      ) : (
        <ul aria-labelledby="waiting" className="divide-y divide-brand-100 rounded-lg bg-white shadow-sm">
          {lines}
        </ul>
      )}
    </section>
  );
}
