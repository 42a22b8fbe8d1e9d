// Border meeting points: candidate places where the caravans and the groups may meet, proposed by
// a group, with a safety checklist, and the comments of the people deciding between them.
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { groups } from "./groups";

/** The crossings of the border, west to east. */
export const crossings = [
  "san_ysidro_tijuana",
  "calexico_mexicali",
  "nogales",
  "el_paso_juarez",
  "laredo_nuevo_laredo",
  "brownsville_matamoros",
] as const;
export type Crossing = (typeof crossings)[number];
export const crossingEnum = pgEnum("crossing", crossings);

export const borderSides = ["US", "MX"] as const;
export const borderSideEnum = pgEnum("border_side", borderSides);

export const meetingPointStatuses = ["proposed", "shortlisted", "rejected", "chosen"] as const;
export type MeetingPointStatus = (typeof meetingPointStatuses)[number];
export const meetingPointStatusEnum = pgEnum("meeting_point_status", meetingPointStatuses);

/** Yes, no, or not known (yet): every checklist answer may honestly be "not known". */
export const checklistAnswers = ["yes", "no", "unknown"] as const;
export const signalLevels = ["good", "weak", "none", "unknown"] as const;
export const threatReports = ["none_known", "reported", "unknown"] as const;

/** What a proposal answers about the safety of a place (exits, shelter, clinic, threats, signal, shade and water). */
export interface SafetyChecklist {
  exitsAndSightLines: (typeof checklistAnswers)[number];
  /** Kilometres to the nearest shelter, when known. */
  shelterKm: number | null;
  clinicKm: number | null;
  checkpointsOrHostileGroups: (typeof threatReports)[number];
  phoneSignal: (typeof signalLevels)[number];
  shadeAndWater: (typeof checklistAnswers)[number];
}

export const meetingPoints = pgTable(
  "meeting_points",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The proposing group. */
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    proposedBy: text("proposed_by").references(() => users.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    crossing: crossingEnum("crossing").notNull(),
    side: borderSideEnum("side").notNull(),
    /** A public place, not a person: its position is kept as given (to about 100 m). */
    latitude: doublePrecision("latitude").notNull(),
    longitude: doublePrecision("longitude").notNull(),
    capacity: integer("capacity").notNull(),
    facilitiesEs: text("facilities_es").notNull().default(""),
    facilitiesEn: text("facilities_en").notNull().default(""),
    safetyNotesEs: text("safety_notes_es").notNull().default(""),
    safetyNotesEn: text("safety_notes_en").notNull().default(""),
    legalObservers: boolean("legal_observers").notNull().default(false),
    /** The proposers' answers to the safety checklist (validated by server/decisions/inputs.ts). */
    safetyChecklist: jsonb("safety_checklist")
      .$type<Partial<SafetyChecklist>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    status: meetingPointStatusEnum("status").notNull().default("proposed"),
    /** Why a coordinator rejected it, shown with the proposal. */
    reviewNote: text("review_note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (m) => [
    index("meeting_points_status_idx").on(m.status, m.crossing),
    uniqueIndex("meeting_points_name_unique_idx").on(sql`lower(${m.name})`),
    check("meeting_points_capacity_positive", sql`${m.capacity} > 0`),
  ],
);

export const meetingPointComments = pgTable(
  "meeting_point_comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    meetingPointId: uuid("meeting_point_id")
      .notNull()
      .references(() => meetingPoints.id, { onDelete: "cascade" }),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (c) => [index("meeting_point_comments_point_idx").on(c.meetingPointId, c.createdAt)],
);
