// The inbox: messages newest first, unread and urgent ones marked; for organizers, the messages
// they sent with how their deliveries went. The header's live client refreshes it as news arrive.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { currentSession } from "@/server/auth";
import { SavedCopy } from "../_shell/saved-copy";
import { serverApi } from "../_trpc/server";
import { inLanguage } from "../messages/language";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("messages"))("inbox"), robots: { index: false } };
}

export default async function InboxPage({
  searchParams,
}: {
  searchParams: Promise<{ before?: string; beforeId?: string }>;
}) {
  if (!(await currentSession())?.user) redirect("/signin?callbackUrl=/inbox");
  const [api, t, locale, params] = await Promise.all([
    serverApi(),
    getTranslations("messages"),
    getLocale(),
    searchParams,
  ]);
  const before =
    params.before && params.beforeId
      ? { createdAt: new Date(params.before), id: params.beforeId }
      : undefined;
  const [page, sent, choices] = await Promise.all([
    api.messages.inbox(before && !Number.isNaN(before.createdAt.getTime()) ? { before } : {}),
    api.messages.sent(),
    api.messages.audienceChoices(),
  ]);
  // In the reader's zone, as on /home (server/i18n/request.ts): never the server's own.
  const format = await getFormatter();
  const date = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  return (
    <div className="space-y-6">
      <SavedCopy />
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="mr-auto text-2xl font-bold">{t("inbox")}</h1>
        {choices.groups.length > 0 && (
          <Link href="/messages/new" className="rounded-md bg-brand-700 px-3 py-2 font-medium text-white">
            {t("write")}
          </Link>
        )}
      </div>
      {page.messages.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <ul className="divide-y divide-brand-100 rounded-lg bg-white shadow-sm">
          {page.messages.map((m) => (
            <li key={m.id}>
              <Link href={`/inbox/${m.id}`} className="block px-4 py-3 hover:bg-brand-50">
                <span className="flex flex-wrap items-center gap-2">
                  {m.urgent && (
                    <span className="rounded bg-red-800 px-2 py-0.5 text-xs font-bold text-white">
                      {t("urgent")}
                    </span>
                  )}
                  {!m.readAt && (
                    <span className="rounded bg-brand-700 px-2 py-0.5 text-xs font-bold text-white">
                      {t("unread")}
                    </span>
                  )}
                  <span className={m.readAt ? "" : "font-bold"}>{inLanguage(m, locale)}</span>
                </span>
                <span className="block text-sm text-gray-700">
                  {t("from", { name: m.senderName ?? t("someone") })} · {date(m.createdAt)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {page.next && (
        <Link
          href={`/inbox?before=${encodeURIComponent(page.next.createdAt.toISOString())}&beforeId=${page.next.id}`}
          className="text-brand-700 underline"
        >
          {t("older")}
        </Link>
      )}
      {sent.length > 0 && (
        <section className="space-y-2">
          <h2 className="text-xl font-semibold">{t("sentTitle")}</h2>
          <ul className="divide-y divide-brand-100 rounded-lg bg-white shadow-sm">
            {sent.map((m) => (
              <li key={m.id}>
                <Link href={`/inbox/${m.id}`} className="block px-4 py-3 hover:bg-brand-50">
                  <span className="flex flex-wrap items-center gap-2">
                    {m.urgent && (
                      <span className="rounded bg-red-800 px-2 py-0.5 text-xs font-bold text-white">
                        {t("urgent")}
                      </span>
                    )}
                    <span>{inLanguage(m, locale)}</span>
                  </span>
                  <span className="block text-sm text-gray-700">
                    {!m.mine && `${t("from", { name: m.senderName ?? t("someone") })} · `}
                    {date(m.createdAt)} ·{" "}
                    {t("sentStats", {
                      recipients: m.recipients,
                      read: m.read,
                      failed: m.failed,
                      replies: m.replies,
                    })}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
