// One message: its text in the reader's language (the other a tap away), and the replies. A
// recipient sees their own thread and replies in it; the sender and co-organizers see how the
// deliveries went, every thread, and answer each one.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { cache } from "react";
import { currentSession } from "@/server/auth";
import { SavedCopy } from "../../_shell/saved-copy";
import { ActionForm, FieldError, FormMessage, SubmitButton, Textarea } from "../../_forms/action-form";
import { orNotFound, serverApi } from "../../_trpc/server";
import { markReadForm, replyForm, retryFailedForm } from "../../messages/forms";
import { inLanguage, versions } from "../../messages/language";
import { PlainText } from "../../messages/plain-text";
import { MarkRead } from "./mark-read";
import { SignedBadge } from "../../_shell/signed-badge";

type Params = { params: Promise<{ id: string }> };

const load = cache(async (id: string) => orNotFound((await serverApi()).messages.get({ messageId: id })));

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const [{ id }, locale] = await Promise.all([params, getLocale()]);
  return { title: inLanguage(await load(id), locale), robots: { index: false } };
}

function ReplyBox({
  messageId,
  threadUserId,
  label,
  id,
}: {
  messageId: string;
  threadUserId?: string;
  label: string;
  id: string;
}) {
  return (
    <ActionForm action={replyForm} className="space-y-2">
      <input type="hidden" name="messageId" value={messageId} />
      {threadUserId && <input type="hidden" name="threadUserId" value={threadUserId} />}
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <Textarea name="body" id={id} rows={3} maxLength={10_000} required />
      <FieldError name="body" />
      <ReplyButtons />
    </ActionForm>
  );
}

async function ReplyButtons() {
  const t = await getTranslations("messages");
  return (
    <>
      <SubmitButton>{t("replySend")}</SubmitButton>
      <FormMessage success={t("replySent")} />
    </>
  );
}

export default async function MessagePage({ params }: Params) {
  const { id } = await params;
  const viewerId = (await currentSession())?.user?.id;
  if (!viewerId) redirect(`/signin?callbackUrl=${encodeURIComponent(`/inbox/${id}`)}`);
  const [message, t, locale] = await Promise.all([load(id), getTranslations("messages"), getLocale()]);
  const [first, other] = versions(message, locale);
  // In the reader's zone, as on /home (server/i18n/request.ts): never the server's own.
  const format = await getFormatter();
  const date = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const threads = new Map<string, { name: string; replies: typeof message.replies }>();
  for (const r of message.replies) {
    const thread = threads.get(r.threadUserId) ?? { name: r.threadName ?? t("someone"), replies: [] };
    thread.replies.push(r);
    threads.set(r.threadUserId, thread);
  }
  return (
    <div className="space-y-6">
      {/* Urgent word is what a volunteer needs in the field: kept for reading offline. */}
      {message.urgent && <SavedCopy />}
      <Link href="/inbox" className="text-brand-700 underline">
        {t("back")}
      </Link>
      <article className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
        {message.urgent && (
          <p className="inline-block rounded bg-red-800 px-2 py-0.5 text-sm font-bold text-white">
            {t("urgent")}
          </p>
        )}
        <h1 lang={first?.lang} className="text-2xl font-bold">
          {first?.subject}
        </h1>
        <p className="text-sm text-gray-700">
          {t("from", { name: message.senderName ?? t("someone") })} · {date(message.createdAt)}
        </p>
        {first && <PlainText text={first.body} lang={first.lang} />}
        {other && (
          <details className="rounded-md border border-brand-100 p-3">
            <summary className="cursor-pointer text-brand-700">{t("otherLanguage")}</summary>
            <h2 lang={other.lang} className="mt-2 font-semibold">
              {other.subject}
            </h2>
            <PlainText text={other.body} lang={other.lang} />
          </details>
        )}
      </article>
      {message.urgent && <SignedBadge subject="message" id={message.id} />}
      {message.received && !message.readAt && (
        <>
          <MarkRead messageId={message.id} />
          <ActionForm action={markReadForm}>
            <input type="hidden" name="messageId" value={message.id} />
            <SubmitButton variant="secondary">{t("markRead")}</SubmitButton>
          </ActionForm>
        </>
      )}
      {message.deliveries && (
        <section className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
          <p>{t("deliveries", message.deliveries)}</p>
          <p>
            {message.deliveries.emailed > 0
              ? t("emailDeliveries", message.deliveries)
              : t("noEmailDeliveries")}
          </p>
          {message.sms && <p>{t("smsDeliveries", message.sms)}</p>}
          {message.sms && message.sms.capped > 0 && <p>{t("smsCapped", message.sms)}</p>}
          {message.deliveries.failed > 0 && (
            <ActionForm action={retryFailedForm} className="space-y-2">
              <input type="hidden" name="messageId" value={message.id} />
              <SubmitButton variant="secondary">{t("retry")}</SubmitButton>
              <FormMessage success={t("retried")} />
            </ActionForm>
          )}
        </section>
      )}
      <section className="space-y-3">
        <h2 className="text-xl font-semibold">{t("replies")}</h2>
        {threads.size === 0 && <p>{t("noReplies")}</p>}
        {[...threads].map(([userId, thread]) => (
          <div key={userId} className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
            {message.organizes && <h3 className="font-semibold">{t("thread", { name: thread.name })}</h3>}
            <ol className="space-y-2">
              {thread.replies.map((r) => (
                <li key={r.id} className="border-l-4 border-brand-100 pl-3">
                  <p className="text-sm text-gray-700">
                    {r.authorName ?? t("someone")} · {date(r.createdAt)}
                  </p>
                  <PlainText text={r.body} />
                </li>
              ))}
            </ol>
            {/* Their own thread is answered with the reply box below: never "answer yourself". */}
            {message.organizes && userId !== viewerId && (
              <ReplyBox
                messageId={message.id}
                threadUserId={userId}
                id={`answer-${userId}`}
                label={t("answerLabel", { name: thread.name })}
              />
            )}
          </div>
        ))}
        {message.received && <ReplyBox messageId={message.id} id="reply" label={t("replyLabel")} />}
      </section>
    </div>
  );
}
