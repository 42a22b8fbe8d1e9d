// The email of one delivery, sent from the job queue. At least once, but never twice for one
// delivery: the delivery's row stays locked while its email is handed to SMTP, and it is marked
// `sent` in that same transaction, so a second worker (or this job run again after a crash that
// came after the commit) finds it sent and does nothing. A crash between SMTP's acceptance and the
// commit is the one window left; the Message-ID is the delivery's, so mail servers can spot that twin.
import { eq, sql } from "drizzle-orm";
import { env, type Database } from "@/db/client";
import { messageDeliveries, messages, users } from "@/db/schema";
import { sendEmail } from "../email/email";
import { translator } from "../i18n/messages";
import { defineJob, type JobAttempt, type JobPayload } from "../jobs/kinds";
import { EMAIL_JOB } from "./messages";

function compose(row: {
  locale: "es" | "en";
  messageId: string;
  subjectEs: string;
  subjectEn: string;
  bodyEs: string;
  bodyEn: string;
  urgent: boolean;
}) {
  // The reader's language when the message has it, else the other one.
  const es = { subject: row.subjectEs, body: row.bodyEs };
  const en = { subject: row.subjectEn, body: row.bodyEn };
  const first = row.locale === "en" ? (en.subject ? en : es) : es.subject ? es : en;
  const other = first === es ? en : es;
  const t = translator(row.locale, "email");
  const link = `${env("PUENTE_URL") ?? "http://localhost:3000"}/inbox/${row.messageId}`;
  const subject = row.urgent ? t("message.urgentSubject", { subject: first.subject }) : first.subject;
  const parts = [
    first.body,
    other.subject ? `— ${other.subject}\n\n${other.body}` : "",
    t("message.footer", { link }),
  ];
  return { subject, text: parts.filter(Boolean).join("\n\n") };
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
          subjectEs: messages.subjectEs,
          subjectEn: messages.subjectEn,
          bodyEs: messages.bodyEs,
          bodyEn: messages.bodyEn,
          urgent: messages.urgent,
        })
        .from(messageDeliveries)
        .innerJoin(messages, eq(messages.id, messageDeliveries.messageId))
        .innerJoin(users, eq(users.id, messageDeliveries.userId))
        .where(eq(messageDeliveries.id, deliveryId))
        .for("update", { of: messageDeliveries });
      if (!row || (row.status !== "queued" && row.status !== "failed")) return;
      const sent = await sendEmail({
        to: row.email,
        ...compose(row),
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
