// A coordinator's message by SMS. When a message is sent, every recipient who chose SMS for it
// (all messages, or urgent ones) and has a verified number that did not text STOP gets one SMS
// delivery and one job, both unique per message and number: at least once, never twice. The job
// sends the text in the reader's language, cut to 2 segments (6 when urgent) with a link to the
// whole message when it is longer; the delivery row stays locked while the SMSC takes it, so a
// second worker finds it sent. Receipts then move it to delivered or failed (./inbound.ts). Each
// text's segments are first taken from its group's daily cap (./cap.ts): past it, it fails.
import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { messages, smsDeliveries, users } from "@/db/schema";
import { defanged } from "../email/typed-text";
import { translator } from "../i18n/messages";
import { defineJob, type JobAttempt, type JobKind, type JobPayload } from "../jobs/kinds";
import { failureSummary } from "../log";
import { publicOrigin } from "../origin";
import { billedLine, DAILY_CAP_REASON, refuseOverCap, releaseSegments, reserveSegments } from "./cap";
import { fitToSegments, segmentCount } from "./encoding";
import { sendSms } from "./sms";

export const SMS_JOB = "message.sms" satisfies JobKind;
const senders = alias(users, "senders");

/** A typed name or subject as a text quotes it: in straight quotes, which GSM-7 has (« » it has not). */
const quotedInSms = (text: string) => `"${defanged(text)}"`;
/** Segments a message may take before it is cut to its beginning and a link. */
export const MAX_SEGMENTS = 2;
export const MAX_SEGMENTS_URGENT = 6;

/**
 * In the transaction that sends message `messageId`, after its deliveries: one SMS delivery and
 * one job per number that should have it. Two INSERT … SELECT, whatever the audience's size.
 */
export async function queueSms(tx: Database, messageId: string, urgent: boolean): Promise<void> {
  await tx.execute(sql`
    insert into sms_deliveries (message_id, user_id, e164)
    select d.message_id, p.user_id, p.e164
    from message_deliveries d join phone_numbers p on p.user_id = d.user_id
    where d.message_id = ${messageId} and p.opted_out_at is null
      and (p.sms_messages = 'all' or (${urgent} and p.sms_messages = 'urgent'))
    on conflict do nothing`);
  await tx.execute(sql`
    insert into jobs (kind, payload, dedupe_key)
    select ${SMS_JOB}, jsonb_build_object('smsDeliveryId', s.id::text),
      ${`${SMS_JOB}:`} || s.message_id::text || ':' || s.e164
    from sms_deliveries s where s.message_id = ${messageId}
    on conflict do nothing`);
}

/**
 * The text of one message in `locale` when it has it, else in the other language. What the sender
 * typed never reads as Puente speaking: Puente's own words say who wrote it, the sender's name and
 * the subject are quoted, and nothing typed becomes a link on the phone (../email/typed-text.ts).
 */
export function composeSms(row: {
  locale: "es" | "en";
  messageId: string;
  senderName: string | null;
  subjectEs: string;
  subjectEn: string;
  bodyEs: string;
  bodyEn: string;
  urgent: boolean;
}): string {
  const es = { subject: row.subjectEs, body: row.bodyEs };
  const en = { subject: row.subjectEn, body: row.bodyEn };
  const chosen = row.locale === "en" ? (en.subject ? en : es) : es.subject ? es : en;
  const t = translator(row.locale, "sms");
  const text = t(row.urgent ? "urgentMessage" : "message", {
    sender: row.senderName ? quotedInSms(row.senderName) : t("someone"),
    subject: quotedInSms(chosen.subject.trim()),
    body: defanged(chosen.body.trim()),
  });
  const more = t("more", { link: `${publicOrigin()}/inbox/${row.messageId}` });
  return fitToSegments(text, row.urgent ? MAX_SEGMENTS_URGENT : MAX_SEGMENTS, more);
}

/**
 * Sends one SMS delivery. Read first without a lock, so that its segments can be taken from its
 * group's daily cap (./cap.ts) outside any transaction; then sent with the delivery's row locked,
 * so a second worker finds it sent. Segments taken for a text that does not go are given back.
 */
export async function sendSmsDelivery(
  db: Database,
  { smsDeliveryId }: JobPayload<typeof SMS_JOB>,
  attempt: JobAttempt,
) {
  const [row] = await db
    .select({
      status: smsDeliveries.status,
      e164: smsDeliveries.e164,
      locale: users.preferredLanguage,
      messageId: messages.id,
      senderName: senders.name,
      subjectEs: messages.subjectEs,
      subjectEn: messages.subjectEn,
      bodyEs: messages.bodyEs,
      bodyEn: messages.bodyEn,
      urgent: messages.urgent,
      line: billedLine,
      stillWanted: stillWanted(),
    })
    .from(smsDeliveries)
    .innerJoin(messages, eq(messages.id, smsDeliveries.messageId))
    .innerJoin(users, eq(users.id, smsDeliveries.userId))
    .leftJoin(senders, eq(senders.id, messages.senderId))
    .where(eq(smsDeliveries.id, smsDeliveryId));
  if (!row || row.status !== "queued") return;
  if (!row.stillWanted) return optedOut(db, smsDeliveryId);
  const text = composeSms(row);
  const reservation = await reserveSegments(db, row.line, segmentCount(text));
  if (!reservation) {
    await refuseOverCap(db, { id: smsDeliveryId, messageId: row.messageId, line: row.line });
    return;
  }
  let submitted = false;
  try {
    await db.transaction(async (tx) => {
      const [locked] = await tx
        .select({ status: smsDeliveries.status, stillWanted: stillWanted() })
        .from(smsDeliveries)
        .where(eq(smsDeliveries.id, smsDeliveryId))
        .for("update");
      if (!locked || locked.status !== "queued") return;
      if (!locked.stillWanted) return optedOut(tx, smsDeliveryId);
      // The root handle: a bind opened here must not keep this transaction's.
      const sent = await sendSms(db, row.e164, text);
      submitted = sent !== null;
      await tx
        .update(smsDeliveries)
        .set(
          sent
            ? {
                status: "sent",
                sentAt: sql`now()`,
                providerIds: sent.providerIds,
                segments: sent.segments,
                reason: null,
              }
            : { status: "failed", reason: "SMS_URL is not set" },
        )
        .where(eq(smsDeliveries.id, smsDeliveryId));
    });
  } catch (error) {
    if (!submitted) await releaseSegments(db, reservation);
    const reason = failureSummary(error).slice(0, 200);
    // Retries keep it queued; once the queue gives up, the sender sees it failed.
    await db
      .update(smsDeliveries)
      .set(attempt.last ? { status: "failed", reason } : { reason })
      .where(eq(smsDeliveries.id, smsDeliveryId));
    throw error;
  }
  // Sent by another worker, opted out since, or not sent at all (no SMS_URL): nothing to bill.
  if (!submitted) await releaseSegments(db, reservation);
}

async function optedOut(db: Database, smsDeliveryId: string): Promise<void> {
  await db
    .update(smsDeliveries)
    .set({ status: "failed", reason: "opted out" })
    .where(and(eq(smsDeliveries.id, smsDeliveryId), eq(smsDeliveries.status, "queued")));
}

// The number may have texted STOP, or changed hands, since the message was sent.
const stillWanted = () =>
  sql<boolean>`exists (select 1 from phone_numbers p where p.user_id = ${smsDeliveries.userId}
    and p.e164 = ${smsDeliveries.e164} and p.opted_out_at is null)`;

export const deliverySmsJob = defineJob(SMS_JOB, sendSmsDelivery);

/** How a message's SMS went, for its sender and co-organizers; null when none went by SMS. */
export async function smsCounts(db: Database, messageId: string) {
  const [counts] = await db
    .select({
      total: sql<number>`count(*)::int`,
      queued: sql<number>`(count(*) filter (where ${smsDeliveries.status} = 'queued'))::int`,
      sent: sql<number>`(count(*) filter (where ${smsDeliveries.status} in ('sent', 'delivered')))::int`,
      delivered: sql<number>`(count(*) filter (where ${smsDeliveries.status} = 'delivered'))::int`,
      failed: sql<number>`(count(*) filter (where ${smsDeliveries.status} = 'failed'))::int`,
      capped: sql<number>`(count(*) filter (where ${smsDeliveries.status} = 'failed'
        and ${smsDeliveries.reason} = ${DAILY_CAP_REASON}))::int`,
    })
    .from(smsDeliveries)
    .where(eq(smsDeliveries.messageId, messageId));
  const result = {
    total: Number(counts?.total ?? 0),
    queued: Number(counts?.queued ?? 0),
    sent: Number(counts?.sent ?? 0),
    delivered: Number(counts?.delivered ?? 0),
    failed: Number(counts?.failed ?? 0),
    /** Of the failed, those not sent because the group's daily cap was reached. */
    capped: Number(counts?.capped ?? 0),
  };
  return result.total ? result : null;
}
