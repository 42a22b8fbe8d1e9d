// Sending a message to an audience and reading one's inbox. Sending is one transaction: the
// message, a delivery per recipient (one INSERT … SELECT), an email job per delivery that goes by
// email, an SMS job per number that should have it (server/sms/outbound.ts), the audit entry and
// the live signal all commit together or not at all.
import { and, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { messageDeliveries, messages, users } from "@/db/schema";
import { recordAudit } from "../audit/audit";
import { DomainError } from "../errors";
import type { Actor } from "../actor";
import type { JobKind } from "../jobs/kinds";
import { enqueue } from "../jobs/queue";
import { after } from "../pagination";
import { announceUrgentMessage } from "../signing/announcements";
import { queueSms } from "../sms/outbound";
import { countRecipients, entitledGroups, recipientIds } from "./audience";
import { INBOX_PAGE_SIZE, type AudiencePartInput } from "./inputs";
import { signal } from "./live";

export const EMAIL_JOB = "message.email" satisfies JobKind;

export interface NewMessage {
  audience: AudiencePartInput[];
  subjectEs: string;
  subjectEn: string;
  bodyEs: string;
  bodyEn: string;
  urgent: boolean;
}

export { countRecipients };

export async function sendMessage(db: Database, actor: Actor, input: NewMessage) {
  return db.transaction(async (tx) => {
    const groupIds = await entitledGroups(tx, actor, input.audience);
    const [message] = await tx
      .insert(messages)
      .values({
        senderId: actor.id,
        groupIds,
        audience: input.audience,
        subjectEs: input.subjectEs,
        subjectEn: input.subjectEn,
        bodyEs: input.bodyEs,
        bodyEn: input.bodyEn,
        urgent: input.urgent,
      })
      .returning({ id: messages.id });
    const id = message!.id;
    // Urgent messages are always emailed; others only to people who allow it; nothing to an
    // account made by phone, which has no email. `created_at` defaults to now(), the
    // transaction's time: the same instant as the message's.
    const inserted = await tx.execute(sql`
      insert into message_deliveries (message_id, user_id, status, by_email)
      select ${id}, u.id,
        case when u.email is not null and (${input.urgent} or u.email_messages)
          then 'queued' else 'sent' end::delivery_status,
        u.email is not null and (${input.urgent} or u.email_messages)
      from users u where u.id in (${recipientIds(input.audience)}) and u.id <> ${actor.id}`);
    const recipients = Number(
      (inserted as { count?: number }).count ?? (inserted as { affectedRows?: number }).affectedRows ?? 0,
    );
    if (recipients === 0) throw new DomainError("BAD_REQUEST", "audienceEmpty");
    // Not through `enqueue`: one INSERT … SELECT for any audience size. The worker still checks
    // each payload against its kind's schema (server/jobs/kinds.ts) before the handler runs.
    await tx.execute(sql`
      insert into jobs (kind, payload, dedupe_key)
      select ${EMAIL_JOB}, jsonb_build_object('deliveryId', d.id::text), ${`${EMAIL_JOB}:`} || d.id::text
      from message_deliveries d where d.message_id = ${id} and d.by_email
      on conflict do nothing`);
    // And an SMS job per recipient who chose SMS for this message and has a verified number.
    await queueSms(tx, id, input.urgent);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "message.send",
      subjectType: "message",
      subjectId: id,
      groupId: groupIds[0] ?? null,
      detail: { recipients, urgent: input.urgent },
    });
    // An urgent message is the kind a forgery would copy: it is signed as it is sent.
    if (input.urgent) await announceUrgentMessage(tx, { id, ...input });
    await signal(tx, { m: id });
    return { id, recipients };
  });
}

/**
 * `actor`'s deliveries that also meet `where`, newest first, with what a list of messages shows.
 * In the order of the index on (user_id, created_at, id).
 */
function deliveriesOf(db: Database, actor: Actor, ...where: (SQL | undefined)[]) {
  return db
    .select({
      id: messages.id,
      deliveryId: messageDeliveries.id,
      subjectEs: messages.subjectEs,
      subjectEn: messages.subjectEn,
      urgent: messages.urgent,
      createdAt: messageDeliveries.createdAt,
      readAt: messageDeliveries.readAt,
      senderName: users.name,
    })
    .from(messageDeliveries)
    .innerJoin(messages, eq(messages.id, messageDeliveries.messageId))
    .leftJoin(users, eq(users.id, messages.senderId))
    .where(and(eq(messageDeliveries.userId, actor.id), ...where))
    .orderBy(desc(messageDeliveries.createdAt), desc(messageDeliveries.id));
}

/** A page of `actor`'s inbox, newest first, after the cursor `before`. */
export async function inbox(db: Database, actor: Actor, before?: { createdAt: Date; id: string }) {
  const rows = await deliveriesOf(
    db,
    actor,
    // The index on (user_id, created_at, id) finds the page's start directly.
    before
      ? after([messageDeliveries.createdAt, messageDeliveries.id], [before.createdAt, before.id], "desc")
      : undefined,
  ).limit(INBOX_PAGE_SIZE + 1);
  const page = rows.slice(0, INBOX_PAGE_SIZE);
  const last = page.at(-1);
  return {
    messages: page.map(({ deliveryId: _d, ...m }) => m),
    next: rows.length > INBOX_PAGE_SIZE && last ? { createdAt: last.createdAt, id: last.deliveryId } : null,
  };
}

export async function unreadCount(db: Database, actor: Actor): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(messageDeliveries)
    .where(and(eq(messageDeliveries.userId, actor.id), isNull(messageDeliveries.readAt)));
  return Number(row?.n ?? 0);
}

/** The read receipt: the first opening counts; later ones change nothing. */
export async function markRead(db: Database, actor: Actor, messageId: string) {
  return db.transaction(async (tx) => {
    const changed = await tx
      .update(messageDeliveries)
      .set({ status: "read", readAt: new Date() })
      .where(
        and(
          eq(messageDeliveries.messageId, messageId),
          eq(messageDeliveries.userId, actor.id),
          isNull(messageDeliveries.readAt),
        ),
      )
      .returning({ id: messageDeliveries.id });
    if (changed.length) await signal(tx, { u: actor.id });
    return { read: changed.length > 0 };
  });
}

/** Sends the failed emails of a message again, for its sender and co-organizers. */
export async function retryFailed(db: Database, messageId: string) {
  return db.transaction(async (tx) => {
    const failed = await tx
      .update(messageDeliveries)
      .set({ status: "queued", lastError: null })
      .where(and(eq(messageDeliveries.messageId, messageId), eq(messageDeliveries.status, "failed")))
      .returning({ id: messageDeliveries.id });
    if (failed.length) {
      // A fresh key per retry: the old job is spent. The handler's status check keeps it to one email.
      const attempt = Date.now();
      await enqueue(
        tx,
        failed.map((d) => ({
          kind: EMAIL_JOB,
          payload: { deliveryId: d.id },
          dedupeKey: `${EMAIL_JOB}:${d.id}:retry-${attempt}`,
        })),
      );
    }
    return { retried: failed.length };
  });
}

export async function emailPreference(db: Database, actor: Actor) {
  const [row] = await db
    .select({ emailMessages: users.emailMessages, email: users.email })
    .from(users)
    .where(eq(users.id, actor.id));
  // An account made by phone has no email to choose: its messages come by SMS and the inbox.
  return { emailMessages: row?.emailMessages ?? true, hasEmail: Boolean(row?.email) };
}

export async function setEmailPreference(db: Database, actor: Actor, emailMessages: boolean) {
  await db.update(users).set({ emailMessages }).where(eq(users.id, actor.id));
  return { emailMessages };
}

/** `actor`'s urgent messages not yet read, newest first (the partial unread index finds them). */
export async function unreadUrgent(db: Database, actor: Actor, limit = 5) {
  return deliveriesOf(db, actor, isNull(messageDeliveries.readAt), eq(messages.urgent, true)).limit(limit);
}
