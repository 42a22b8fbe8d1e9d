// Who stands where towards a message: its recipients, and its organizers (the sender and the
// coordinators and organizers of the groups its audience belongs to). Nobody else sees it.
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { messageDeliveries, messages } from "@/db/schema";
import type { Actor } from "../actor";

export interface MessageStanding {
  id: string;
  received: boolean;
  organizes: boolean;
}

// The subqueries name `messages` columns in plain SQL: Drizzle leaves a one-table select's columns
// unqualified, which inside a subquery would mean the subquery's own table.
/** `actor`'s standing towards the message, or null when they neither received nor organize it. */
export async function messageStanding(
  db: Database,
  actor: Actor,
  messageId: string,
): Promise<MessageStanding | null> {
  const [row] = await db
    .select({
      received: sql<boolean>`exists (select 1 from message_deliveries d
        where d.message_id = messages.id and d.user_id = ${actor.id})`,
      organizes: sql<boolean>`messages.sender_id = ${actor.id} or exists (select 1 from memberships ms
        where ms.group_id = any(messages.group_ids) and ms.user_id = ${actor.id}
        and ms.status = 'active' and ms.role in ('coordinator', 'organizer'))`,
    })
    .from(messages)
    .where(eq(messages.id, messageId));
  if (!row || (!row.received && !row.organizes)) return null;
  return { id: messageId, received: Boolean(row.received), organizes: Boolean(row.organizes) };
}

/** One recipient's thread under a message: where a reply goes. */
export interface MessageThread {
  messageId: string;
  threadUserId: string;
}

/**
 * The thread `actor` may write in: as a "recipient", their own (`threadUserId` left out or theirs);
 * as an "organizer", any recipient's. Null when neither applies.
 */
export async function writableThread(
  db: Database,
  actor: Actor,
  roles: readonly ("recipient" | "organizer")[],
  input: { messageId: string; threadUserId?: string },
): Promise<MessageThread | null> {
  const standing = await messageStanding(db, actor, input.messageId);
  if (!standing) return null;
  const threadUserId = input.threadUserId ?? actor.id;
  if (threadUserId === actor.id)
    return roles.includes("recipient") && standing.received
      ? { messageId: input.messageId, threadUserId }
      : null;
  if (!roles.includes("organizer") || !standing.organizes) return null;
  const [delivery] = await db
    .select({ id: messageDeliveries.id })
    .from(messageDeliveries)
    .where(and(eq(messageDeliveries.messageId, input.messageId), eq(messageDeliveries.userId, threadUserId)));
  return delivery ? { messageId: input.messageId, threadUserId } : null;
}
