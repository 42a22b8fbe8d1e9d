// Messages from coordinators and organizers to an audience, one delivery per recipient, and the
// replies that come back. A delivery's status follows its email; `readAt` is the read receipt.
import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";

export const deliveryStatuses = ["queued", "sent", "failed", "read"] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];
export const deliveryStatusEnum = pgEnum("delivery_status", deliveryStatuses);

/**
 * Who a message was written to, as the sender chose it (kept for showing, not for fan-out: the
 * deliveries are the recipients). A discriminated union so that more kinds (a caravan's delegates)
 * can be added without changing what is stored.
 */
export type AudiencePart =
  | { kind: "group"; groupId: string; roles: ("coordinator" | "organizer" | "member")[] }
  | { kind: "action"; actionId: string; statuses: ("confirmed" | "waitlisted")[] }
  | { kind: "shift"; shiftId: string; statuses: ("confirmed" | "waitlisted")[] }
  | { kind: "caravanDelegates"; caravanId: string }
  | { kind: "caravanLine"; caravanId: string }
  | { kind: "groupCoordinators"; caravanId: string; groupId: string };

export const messages = pgTable(
  "messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    senderId: text("sender_id").references(() => users.id, { onDelete: "set null" }),
    /** The groups the audience belongs to: their coordinators and organizers share the replies. */
    groupIds: uuid("group_ids")
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    audience: jsonb("audience").$type<AudiencePart[]>().notNull(),
    subjectEs: text("subject_es").notNull().default(""),
    subjectEn: text("subject_en").notNull().default(""),
    bodyEs: text("body_es").notNull().default(""),
    bodyEn: text("body_en").notNull().default(""),
    urgent: boolean("urgent").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (m) => [index("messages_sender_idx").on(m.senderId, m.createdAt)],
);

export const messageDeliveries = pgTable(
  "message_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    messageId: uuid("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: deliveryStatusEnum("status").notNull(),
    /** Whether this delivery goes out by email too (urgent, or the person allows email). */
    byEmail: boolean("by_email").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    readAt: timestamp("read_at", { withTimezone: true }),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (d) => [
    // One delivery per person per message, however many audience parts they are in.
    uniqueIndex("message_deliveries_message_user_idx").on(d.messageId, d.userId),
    // The inbox, newest first, and the unread count.
    // The inbox reads a person's newest deliveries first, a page at a time by (created_at, id).
    index("message_deliveries_inbox_idx").on(d.userId, d.createdAt, d.id),
    index("message_deliveries_unread_idx")
      .on(d.userId)
      .where(sql`${d.readAt} is null`),
    // The few deliveries whose email failed, for the coordinators' overview (failures are rare).
    index("message_deliveries_failed_idx")
      .on(d.messageId)
      .where(sql`${d.status} = 'failed'`),
  ],
);

/**
 * A reply in one recipient's thread under a message: written by that recipient, or by the
 * message's sender or co-organizers answering them. Recipients never see one another's threads.
 */
export const messageReplies = pgTable(
  "message_replies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    messageId: uuid("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    /** Whose thread: the recipient the conversation is with. */
    threadUserId: text("thread_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (r) => [index("message_replies_thread_idx").on(r.messageId, r.threadUserId, r.createdAt)],
);
