// Text messages (SMS over SMPP): a person's verified phone number and the channels they chose, the
// codes that verify a number, one row per text a message sent, the shift reminders sent by SMS
// (answered SI or NO), and the texts people sent back.
// The number in users.phone is something else: the free-text contact a person shares on rosters.
import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { signups } from "./actions";
import { users } from "./auth";
import { messageReplies, messages } from "./messages";

/** Which coordinators' messages also come by SMS: none, urgent ones only, or all of them. */
export const smsChoices = ["off", "urgent", "all"] as const;
export type SmsChoice = (typeof smsChoices)[number];
export const smsChoiceEnum = pgEnum("sms_choice", smsChoices);

export const smsStatuses = ["queued", "sent", "delivered", "failed"] as const;
export type SmsStatus = (typeof smsStatuses)[number];
export const smsStatusEnum = pgEnum("sms_status", smsStatuses);

export const smsInboundOutcomes = ["reply", "unmatched", "stop", "help", "answer"] as const;
export const smsInboundOutcomeEnum = pgEnum("sms_inbound_outcome", smsInboundOutcomes);

/** A person's verified number (one each), in E.164. A number belongs to whoever verified it last. */
export const phoneNumbers = pgTable("phone_numbers", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  e164: text("e164").notNull().unique(),
  verifiedAt: timestamp("verified_at", { withTimezone: true }).notNull().defaultNow(),
  smsMessages: smsChoiceEnum("sms_messages").notNull().default("urgent"),
  /** The person texted STOP: no SMS to this number until they choose SMS again on /me. */
  optedOutAt: timestamp("opted_out_at", { withTimezone: true }),
});

/** A code sent to a number being added: 6 digits, kept as an HMAC, 10 minutes, 5 tries. */
export const phoneVerifications = pgTable("phone_verifications", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  e164: text("e164").notNull(),
  codeHash: text("code_hash").notNull(),
  attempts: integer("attempts").notNull().default(0),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The SMS of one message to one number: at most one, however often its job runs. */
export const smsDeliveries = pgTable(
  "sms_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    messageId: uuid("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    e164: text("e164").notNull(),
    status: smsStatusEnum("status").notNull().default("queued"),
    /** Why it failed: the carrier's receipt (UNDELIV err 001), or the provider's refusal. */
    reason: text("reason"),
    /** The SMSC's id of each segment, from its submit_sm_resp; receipts name them. */
    providerIds: text("provider_ids")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    segments: integer("segments").notNull().default(0),
    deliveredSegments: integer("delivered_segments").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (d) => [
    uniqueIndex("sms_deliveries_message_number_idx").on(d.messageId, d.e164),
    index("sms_deliveries_provider_idx").using("gin", d.providerIds),
    // A reply by SMS goes to the latest message sent to its number.
    index("sms_deliveries_number_idx").on(d.e164, d.createdAt),
  ],
);

/** What a person answered to a shift reminder by SMS: SI keeps the place, NO frees it. */
export const smsReminderAnswers = ["confirmed", "cancelled"] as const;
export type SmsReminderAnswer = (typeof smsReminderAnswers)[number];
export const smsReminderAnswerEnum = pgEnum("sms_reminder_answer", smsReminderAnswers);

/**
 * A signup's shift reminder by SMS: at most one per signup, however often its job runs. The number
 * it went to is the only one whose SI / NO answers it, until the shift starts.
 */
export const smsReminders = pgTable(
  "sms_reminders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    signupId: uuid("signup_id")
      .notNull()
      .unique()
      .references(() => signups.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    e164: text("e164").notNull(),
    status: smsStatusEnum("status").notNull().default("queued"),
    reason: text("reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    answer: smsReminderAnswerEnum("answer"),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
  },
  // An answer goes to the latest reminder sent to its number.
  (r) => [index("sms_reminders_number_idx").on(r.e164, r.sentAt)],
);

/** A text someone sent to Puente's number, and what became of it. */
export const smsInbound = pgTable(
  "sms_inbound",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    fromE164: text("from_e164").notNull(),
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    messageId: uuid("message_id").references(() => messages.id, { onDelete: "cascade" }),
    replyId: uuid("reply_id").references(() => messageReplies.id, { onDelete: "cascade" }),
    outcome: smsInboundOutcomeEnum("outcome").notNull(),
    /** Kept only for an unmatched text (an admin reads it); a reply's body is in its thread. */
    body: text("body").notNull().default(""),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (i) => [
    index("sms_inbound_unmatched_idx")
      .on(i.receivedAt)
      .where(sql`${i.outcome} = 'unmatched'`),
  ],
);
