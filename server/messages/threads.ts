// One message as its reader sees it, and the replies under it. A recipient sees the message and
// their own thread; the sender and the co-organizers (coordinators and organizers of the groups
// the audience belongs to) see every thread and how the deliveries went. Nobody else sees it.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { messageDeliveries, messageReplies, messages, users } from "@/db/schema";
import { smsCounts } from "../sms/outbound";
import type { Actor } from "../actor";
import type { MessageStanding, MessageThread } from "./access";
import { rowsOf } from "./audience";
import { signal } from "./live";

async function repliesOf(db: Database, messageId: string, threadUserId?: string) {
  return db
    .select({
      id: messageReplies.id,
      threadUserId: messageReplies.threadUserId,
      threadName: sql<
        string | null
      >`(select t.name from users t where t.id = message_replies.thread_user_id)`,
      authorId: messageReplies.authorId,
      authorName: users.name,
      body: messageReplies.body,
      createdAt: messageReplies.createdAt,
    })
    .from(messageReplies)
    .leftJoin(users, eq(users.id, messageReplies.authorId))
    .where(
      and(
        eq(messageReplies.messageId, messageId),
        threadUserId ? eq(messageReplies.threadUserId, threadUserId) : undefined,
      ),
    )
    .orderBy(asc(messageReplies.createdAt), asc(messageReplies.id));
}

/**
 * How a message reached its recipients, channel by channel: every recipient has it in their inbox
 * the moment it is sent (and `read` of them opened it); email is counted apart, for those who get
 * one, so an email that failed never reads as a message that did not arrive.
 */
async function deliveryCounts(db: Database, messageId: string) {
  const [counts] = await db
    .select({
      total: sql<number>`count(*)::int`,
      read: sql<number>`count(${messageDeliveries.readAt})::int`,
      emailed: sql<number>`(count(*) filter (where ${messageDeliveries.byEmail}))::int`,
      emailSent: sql<number>`(count(${messageDeliveries.sentAt}) filter (where ${messageDeliveries.byEmail}))::int`,
      emailQueued: sql<number>`(count(*) filter (where ${messageDeliveries.status} = 'queued'))::int`,
      failed: sql<number>`(count(*) filter (where ${messageDeliveries.status} = 'failed'))::int`,
    })
    .from(messageDeliveries)
    .where(eq(messageDeliveries.messageId, messageId));
  const { total, read, emailed, emailSent, emailQueued, failed } = counts!;
  return {
    total: Number(total),
    read: Number(read),
    emailed: Number(emailed),
    emailSent: Number(emailSent),
    emailQueued: Number(emailQueued),
    failed: Number(failed),
  };
}

/** The message as `actor` reads it, from their standing loaded by `onMessage` (server/builders.ts). */
export async function getMessage(db: Database, actor: Actor, s: MessageStanding) {
  const messageId = s.id;
  const [message] = await db
    .select({
      id: messages.id,
      subjectEs: messages.subjectEs,
      subjectEn: messages.subjectEn,
      bodyEs: messages.bodyEs,
      bodyEn: messages.bodyEn,
      urgent: messages.urgent,
      createdAt: messages.createdAt,
      senderName: users.name,
    })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.senderId))
    .where(eq(messages.id, messageId));
  const [mine] = s.received
    ? await db
        .select({ readAt: messageDeliveries.readAt })
        .from(messageDeliveries)
        .where(and(eq(messageDeliveries.messageId, messageId), eq(messageDeliveries.userId, actor.id)))
    : [];
  return {
    ...message!,
    received: s.received,
    organizes: s.organizes,
    readAt: mine?.readAt ?? null,
    replies: await repliesOf(db, messageId, s.organizes ? undefined : actor.id),
    deliveries: s.organizes ? await deliveryCounts(db, messageId) : null,
    /** SMS apart from email and the inbox: null when none went by SMS. */
    sms: s.organizes ? await smsCounts(db, messageId) : null,
  };
}

/**
 * A reply in a thread the caller may write in (a recipient in their own; the sender or a
 * co-organizer in a recipient's), as onThread found it.
 */
export async function reply(db: Database, actor: Actor, thread: MessageThread, body: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(messageReplies)
      .values({ messageId: thread.messageId, threadUserId: thread.threadUserId, authorId: actor.id, body })
      .returning({ id: messageReplies.id });
    await signal(tx, { m: thread.messageId, r: row!.id });
    return { id: row!.id };
  });
}

/** Messages `actor` sent or co-organizes, newest first, with who sent them and how their deliveries went. */
export async function sentMessages(db: Database, actor: Actor) {
  const result = await db.execute(sql`
    select m.id, m.subject_es as "subjectEs", m.subject_en as "subjectEn", m.urgent,
      m.created_at as "createdAt", m.sender_id = ${actor.id} as mine,
      (select u.name from users u where u.id = m.sender_id) as "senderName",
      (select count(*)::int from message_deliveries d where d.message_id = m.id) as recipients,
      (select count(*)::int from message_deliveries d where d.message_id = m.id and d.status = 'read') as read,
      (select count(*)::int from message_deliveries d where d.message_id = m.id and d.status = 'failed') as failed,
      (select count(*)::int from message_replies r where r.message_id = m.id) as replies
    from messages m
    where m.sender_id = ${actor.id} or m.group_ids && array(
      select ms.group_id from memberships ms where ms.user_id = ${actor.id}
      and ms.status = 'active' and ms.role in ('coordinator', 'organizer'))
    order by m.created_at desc limit 50`);
  return rowsOf<{
    id: string;
    subjectEs: string;
    subjectEn: string;
    urgent: boolean;
    createdAt: Date | string;
    /** Sent by the reader; otherwise by someone else for a group the reader coordinates or organizes. */
    mine: boolean;
    senderName: string | null;
    recipients: number;
    read: number;
    failed: number;
    replies: number;
  }>(result).map((m) => ({ ...m, createdAt: new Date(m.createdAt) }));
}

/**
 * Messages of the last 30 days that `actor` sent or co-organizes whose email failed to reach some
 * recipients, newest first: the ones worth sending again. Older failures have lost their servers'
 * answers to retention and are left alone.
 */
export async function messagesWithFailedDeliveries(db: Database, actor: Actor, limit = 10) {
  // Failures first, from their partial index (they are few); recipients counted for the shown ones only.
  const result = await db.execute(sql`
    select m.id, m.subject_es as "subjectEs", m.subject_en as "subjectEn", m.urgent,
      m.created_at as "createdAt", m.failed,
      (select count(*)::int from message_deliveries d where d.message_id = m.id) as recipients
    from (
      select m.id, m.subject_es, m.subject_en, m.urgent, m.created_at, f.failed
      from (select message_id, count(*)::int as failed from message_deliveries
        where status = 'failed' group by message_id) f
      join messages m on m.id = f.message_id
      where m.created_at > now() - interval '30 days'
        and (m.sender_id = ${actor.id} or m.group_ids && array(
          select ms.group_id from memberships ms where ms.user_id = ${actor.id}
          and ms.status = 'active' and ms.role in ('coordinator', 'organizer')))
      order by m.created_at desc limit ${limit}) m
    order by m.created_at desc`);
  return rowsOf<{
    id: string;
    subjectEs: string;
    subjectEn: string;
    urgent: boolean;
    createdAt: Date | string;
    failed: number;
    recipients: number;
  }>(result).map((m) => ({ ...m, createdAt: new Date(m.createdAt) }));
}
