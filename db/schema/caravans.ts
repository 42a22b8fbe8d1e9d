// Caravans, the reports of where they are and what they need, and the pledges groups make against
// those needs. Positions are stored as whole tenths of a degree (integers), so the database cannot
// hold a position more precise than 0.1° even by mistake (DESIGN.md, sensitive data rules).
import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { meetingPoints } from "./meeting-points";
import { countries, groups } from "./groups";

export const caravanStatuses = ["forming", "in_transit", "stopped", "arrived", "dispersed"] as const;
export type CaravanStatus = (typeof caravanStatuses)[number];
export const caravanStatusEnum = pgEnum("caravan_status", caravanStatuses);

export const needKinds = [
  "water",
  "food",
  "medical",
  "legal",
  "shelter",
  "transport",
  "childcare",
  "translation",
  "hygiene",
] as const;
export type NeedKind = (typeof needKinds)[number];
export const needKindEnum = pgEnum("need_kind", needKinds);

export const reportVerifications = ["unverified", "confirmed"] as const;
export type ReportVerification = (typeof reportVerifications)[number];
export const reportVerificationEnum = pgEnum("report_verification", reportVerifications);

export const pledgeStatuses = ["pledged", "delivered", "withdrawn"] as const;
export type PledgeStatus = (typeof pledgeStatuses)[number];
export const pledgeStatusEnum = pgEnum("pledge_status", pledgeStatuses);

export const caravans = pgTable(
  "caravans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    origin: text("origin", { enum: countries }).notNull(),
    departureDate: date("departure_date").notNull(),
    estimatedSize: integer("estimated_size").notNull(),
    status: caravanStatusEnum("status").notNull().default("forming"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    /** The group that registered it: its coordinators edit it, with its delegates and admins. */
    groupId: uuid("group_id").references(() => groups.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (c) => [check("caravans_size_not_negative", sql`${c.estimatedSize} >= 0`)],
);

/** The people who speak for a caravan, named by an admin. */
export const caravanDelegates = pgTable(
  "caravan_delegates",
  {
    caravanId: uuid("caravan_id")
      .notNull()
      .references(() => caravans.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (d) => [primaryKey({ columns: [d.caravanId, d.userId] }), index("caravan_delegates_user_idx").on(d.userId)],
);

export const caravanReports = pgTable(
  "caravan_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caravanId: uuid("caravan_id")
      .notNull()
      .references(() => caravans.id, { onDelete: "cascade" }),
    reportedBy: text("reported_by").references(() => users.id, { onDelete: "set null" }),
    /** The verified group the reporter spoke for; null when a delegate reported for the caravan. */
    reporterGroupId: uuid("reporter_group_id").references(() => groups.id, { onDelete: "set null" }),
    placeName: text("place_name").notNull(),
    /** Latitude × 10, rounded: 32.5° is 325. */
    latitudeTenths: integer("latitude_tenths").notNull(),
    longitudeTenths: integer("longitude_tenths").notNull(),
    headcount: integer("headcount").notNull(),
    expectedMeetingPointId: uuid("expected_meeting_point_id").references(() => meetingPoints.id, {
      onDelete: "set null",
    }),
    expectedFrom: date("expected_from"),
    expectedUntil: date("expected_until"),
    verification: reportVerificationEnum("verification").notNull().default("unverified"),
    confirmedBy: text("confirmed_by").references(() => users.id, { onDelete: "set null" }),
    confirmedGroupId: uuid("confirmed_group_id").references(() => groups.id, { onDelete: "set null" }),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    reportedAt: timestamp("reported_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (r) => [
    index("caravan_reports_caravan_idx").on(r.caravanId, r.reportedAt),
    check("caravan_reports_headcount_not_negative", sql`${r.headcount} >= 0`),
    check(
      "caravan_reports_window_in_order",
      sql`${r.expectedUntil} is null or ${r.expectedFrom} is null or ${r.expectedUntil} >= ${r.expectedFrom}`,
    ),
  ],
);

/** One need of a report: a kind, and how much (a quantity, a note, or both). */
export const reportNeeds = pgTable(
  "report_needs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => caravanReports.id, { onDelete: "cascade" }),
    kind: needKindEnum("kind").notNull(),
    quantity: integer("quantity"),
    note: text("note").notNull().default(""),
  },
  (n) => [
    index("report_needs_report_idx").on(n.reportId),
    check("report_needs_quantity_positive", sql`${n.quantity} is null or ${n.quantity} > 0`),
  ],
);

/** A group's promise against a need: what, how much, by when. Withdrawn pledges stay on record. */
export const pledges = pgTable(
  "pledges",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    needId: uuid("need_id")
      .notNull()
      .references(() => reportNeeds.id, { onDelete: "cascade" }),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    pledgedBy: text("pledged_by").references(() => users.id, { onDelete: "set null" }),
    what: text("what").notNull(),
    quantity: integer("quantity").notNull(),
    byDate: date("by_date").notNull(),
    status: pledgeStatusEnum("status").notNull().default("pledged"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (p) => [
    index("pledges_need_idx").on(p.needId),
    index("pledges_group_idx").on(p.groupId),
    check("pledges_quantity_positive", sql`${p.quantity} > 0`),
  ],
);
