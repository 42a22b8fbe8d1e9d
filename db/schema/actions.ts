// Actions (things people do together at the border), their shifts, and who signed up for them.
// A shift's `confirmedCount` is the guard against overbooking: it only grows by a conditional
// UPDATE that PostgreSQL serializes per shift (QUALITY.md, "No overbooking").
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { localeEnum, skillEnum, users } from "./auth";
import { groups } from "./groups";
import { meetingPoints } from "./meeting-points";

export const actionKinds = [
  "welcome",
  "legal_observation",
  "medical",
  "supplies",
  "transport",
  "translation",
  "vigil",
  "march",
  "training",
] as const;
export type ActionKind = (typeof actionKinds)[number];
export const actionKindEnum = pgEnum("action_kind", actionKinds);

export const actionVisibilities = ["public", "members"] as const;
export const actionVisibilityEnum = pgEnum("action_visibility", actionVisibilities);

export const actionStatuses = ["scheduled", "cancelled", "done"] as const;
export const actionStatusEnum = pgEnum("action_status", actionStatuses);

export const signupStatuses = ["confirmed", "waitlisted", "cancelled", "attended", "no_show"] as const;
export type SignupStatus = (typeof signupStatuses)[number];
export const signupStatusEnum = pgEnum("signup_status", signupStatuses);

export const actions = pgTable(
  "actions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    kind: actionKindEnum("kind").notNull(),
    description: text("description").notNull().default(""),
    /** The area, shown to everyone who may see the action (e.g. "San Ysidro, Tijuana"). */
    placeName: text("place_name").notNull(),
    /** The border meeting point the action gathers at, if any; its page lists the action. */
    meetingPointId: uuid("meeting_point_id").references(() => meetingPoints.id, { onDelete: "set null" }),
    /** The exact spot: for a members-only action, only its confirmed volunteers and organizers see it. */
    exactLocation: text("exact_location").notNull().default(""),
    /** For a members-only action: how long before the start its confirmed volunteers see the exact spot. */
    revealHoursBefore: integer("reveal_hours_before").notNull().default(12),
    /** IANA zone the action happens in; times are stored in UTC and shown in this zone. */
    timeZone: text("time_zone").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    languages: localeEnum("languages")
      .array()
      .notNull()
      .default(sql`'{}'::locale[]`),
    visibility: actionVisibilityEnum("visibility").notNull().default("public"),
    status: actionStatusEnum("status").notNull().default("scheduled"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (a) => [
    index("actions_upcoming_idx").on(a.status, a.startsAt),
    index("actions_group_idx").on(a.groupId, a.startsAt),
    index("actions_meeting_point_idx").on(a.meetingPointId, a.startsAt),
    check("actions_ends_after_start", sql`${a.endsAt} > ${a.startsAt}`),
    check("actions_reveal_window", sql`${a.revealHoursBefore} between 1 and 168`),
  ],
);

export const shifts = pgTable(
  "shifts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    actionId: uuid("action_id")
      .notNull()
      .references(() => actions.id, { onDelete: "cascade" }),
    role: text("role").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    capacity: integer("capacity").notNull(),
    /** Places held: confirmed, attended and no-show signups. Never above capacity. */
    confirmedCount: integer("confirmed_count").notNull().default(0),
    wantedSkills: skillEnum("wanted_skills")
      .array()
      .notNull()
      .default(sql`'{}'::skill[]`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (s) => [
    index("shifts_action_idx").on(s.actionId, s.startsAt),
    check("shifts_capacity_positive", sql`${s.capacity} > 0`),
    check("shifts_not_overbooked", sql`${s.confirmedCount} between 0 and ${s.capacity}`),
    check("shifts_ends_after_start", sql`${s.endsAt} > ${s.startsAt}`),
  ],
);

/** Orders the waitlist: a later number means a later place in line. */
export const signupQueue = pgSequence("signup_queue_seq");

export const signups = pgTable(
  "signups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    shiftId: uuid("shift_id")
      .notNull()
      .references(() => shifts.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: signupStatusEnum("status").notNull(),
    queueSeq: bigint("queue_seq", { mode: "number" })
      .notNull()
      .default(sql`nextval('signup_queue_seq')`),
    /** The volunteer lets the organizers see their email and phone on the roster. */
    shareContact: boolean("share_contact").notNull().default(false),
    /** When the person moved up from the waitlist, so the app can tell them. */
    promotedAt: timestamp("promoted_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (s) => [
    uniqueIndex("signups_shift_user_idx").on(s.shiftId, s.userId),
    index("signups_waitlist_idx").on(s.shiftId, s.status, s.queueSeq),
    index("signups_user_idx").on(s.userId),
  ],
);

/**
 * Someone without an account asked for a place: the signup is completed when they follow the
 * sign-in link sent to this address. Deleted once completed, or after a day.
 */
export const signupIntents = pgTable(
  "signup_intents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    shiftId: uuid("shift_id")
      .notNull()
      .references(() => shifts.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (i) => [index("signup_intents_email_idx").on(i.email)],
);

/** A person's private calendar feed: only a hash of the secret in its URL is kept. */
export const calendarFeeds = pgTable("calendar_feeds", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
