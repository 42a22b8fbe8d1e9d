// The email of one delivery, sent from the job queue. At least once, but never twice for one
// delivery: the delivery's row stays locked while its email is handed to SMTP, and it is marked
// `sent` in that same transaction, so a second worker (or this job run again after a crash that
// came after the commit) finds it sent and does nothing. A crash between SMTP's acceptance and the
// commit is the one window left; the Message-ID is the delivery's, so mail servers can spot that twin.
import { asc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { groups, messageDeliveries, messages, users } from "@/db/schema";
import { sendEmail } from "../email/email";
import { quoted, quotedLines } from "../email/typed-text";
import { translator } from "../i18n/messages";
import { defineJob, type JobAttempt, type JobPayload } from "../jobs/kinds";
import { publicOrigin } from "../origin";
import { latestStatement } from "../signing/statements";
import { EMAIL_JOB } from "./messages";

const senders = alias(users, "senders");

/**
 * Everything in a message was typed by its sender: the subject never reaches the email's Subject
 * (a fixed one in the reader's language does), and the body is framed by Puente's lines saying
 * who wrote it, every line of it quoted and unlinked (typed-text.ts).
 */
function compose(row: {
  locale: "es" | "en";
  messageId: string;
  senderName: string | null;
  groupNames: string[];
  subjectEs: string;
  subjectEn: string;
  bodyEs: string;
  bodyEn: string;
  urgent: boolean;
  /** The urgent message's signed statement's short code (server/signing/). */
  signedCode: string | null;
}) {
  // The reader's language when the message has it, else the other one.
  const es = { subject: row.subjectEs, body: row.bodyEs };
  const en = { subject: row.subjectEn, body: row.bodyEn };
  const first = row.locale === "en" ? (en.subject ? en : es) : es.subject ? es : en;
  const other = first === es ? en : es;
  const t = translator(row.locale, "email");
  const link = `${publicOrigin()}/inbox/${row.messageId}`;
  const written = (part: { subject: string; body: string }) =>
    part.subject
      ? `${t("message.subjectLine", { subject: quoted(part.subject) })}\n${quotedLines(part.body)}`
      : "";
  const parts = [
    t("message.from", {
      sender: row.senderName ? quoted(row.senderName) : t("message.someone"),
      groups: row.groupNames.map(quoted).join(", "),
      groupCount: row.groupNames.length,
    }),
    written(first),
    written(other),
    t("message.end"),
    row.signedCode &&
      t("message.signed", {
        code: row.signedCode,
        link: `${publicOrigin()}/verify?code=${row.signedCode}`,
      }),
    t("message.footer", { link }),
  ];
  return {
    subject: row.urgent ? t("message.urgentSubject") : t("message.subject"),
    text: parts.filter(Boolean).join("\n\n"),
  };
}

export async function sendDeliveryEmail(
  db: Database,
  { deliveryId }: JobPayload<typeof EMAIL_JOB>,
  attempt: JobAttempt,
) {
  try {
    await db.transaction(async (tx) => {
      const [row] = await tx
        .select({
          status: messageDeliveries.status,
          email: users.email,
          locale: users.preferredLanguage,
          messageId: messages.id,
          senderName: senders.name,
          groupIds: messages.groupIds,
          subjectEs: messages.subjectEs,
          subjectEn: messages.subjectEn,
          bodyEs: messages.bodyEs,
          bodyEn: messages.bodyEn,
          urgent: messages.urgent,
        })
        .from(messageDeliveries)
        .innerJoin(messages, eq(messages.id, messageDeliveries.messageId))
        .innerJoin(users, eq(users.id, messageDeliveries.userId))
        .leftJoin(senders, eq(senders.id, messages.senderId))
        .where(eq(messageDeliveries.id, deliveryId))
        .for("update", { of: messageDeliveries });
      if (!row || (row.status !== "queued" && row.status !== "failed")) return;
      const named = row.groupIds.length
        ? await tx
            .select({ name: groups.name })
            .from(groups)
            .where(inArray(groups.id, row.groupIds))
            .orderBy(asc(groups.name))
        : [];
      const signed = row.urgent ? await latestStatement(tx, row.messageId, "message.urgent") : null;
      const sent = await sendEmail({
        to: row.email,
        ...compose({ ...row, groupNames: named.map((g) => g.name), signedCode: signed?.code ?? null }),
        messageId: `<${deliveryId}@puente.delivery>`,
      });
      await tx
        .update(messageDeliveries)
        .set(
          sent
            ? { status: "sent", sentAt: sql`now()`, lastError: null }
            : { status: "failed", lastError: "SMTP_URL is not set" },
        )
        .where(eq(messageDeliveries.id, deliveryId));
    });
  } catch (error) {
    const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 300);
    // Retries keep it queued; once the queue gives up, the sender sees it failed and may retry.
    await db
      .update(messageDeliveries)
      .set(attempt.last ? { status: "failed", lastError } : { lastError })
      .where(eq(messageDeliveries.id, deliveryId));
    throw error;
  }
}

export const deliveryEmailJob = defineJob(EMAIL_JOB, sendDeliveryEmail);
