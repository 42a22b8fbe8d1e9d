// Organizing groups and who belongs to them. Groups are the unit of trust: verification by an
// admin is what unlocks sensitive caravan data for a group's members (DESIGN.md).
import { sql } from "drizzle-orm";
import { boolean, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const groupKinds = [
  "human_rights",
  "religious",
  "community",
  "student",
  "union",
  "political",
  "legal_aid",
  "medical",
  "shelter",
  "other",
] as const;
export type GroupKind = (typeof groupKinds)[number];
export const groupKindEnum = pgEnum("group_kind", groupKinds);

/** Where groups work and where caravans and storytellers come from (no database constraint: a list to grow). */
export const countries = ["US", "MX", "GT", "HN", "SV", "NI", "VE", "HT", "CU", "OTHER"] as const;
export type Country = (typeof countries)[number];

export const membershipRoles = ["coordinator", "organizer", "member"] as const;
export type MembershipRole = (typeof membershipRoles)[number];
export const membershipRoleEnum = pgEnum("membership_role", membershipRoles);

export const membershipStatuses = ["pending", "active", "removed"] as const;
export type MembershipStatus = (typeof membershipStatuses)[number];
export const membershipStatusEnum = pgEnum("membership_status", membershipStatuses);

export const groups = pgTable(
  "groups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    kind: groupKindEnum("kind").notNull(),
    city: text("city").notNull(),
    region: text("region").notNull(),
    country: text("country", { enum: countries }).notNull(),
    descriptionEs: text("description_es").notNull().default(""),
    descriptionEn: text("description_en").notNull().default(""),
    /** A public contact channel (a website, a public email or a social handle). */
    contact: text("contact").notNull().default(""),
    verified: boolean("verified").notNull().default(false),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    /** Set when an admin turns the group down; it leaves the vetting queue. */
    rejectedAt: timestamp("rejected_at", { withTimezone: true }),
    /** The admin's note on the last vetting decision, shown to the group's coordinators. */
    vettingNote: text("vetting_note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (g) => [
    index("groups_directory_idx").on(g.verified, g.name, g.id),
    uniqueIndex("groups_name_unique_idx").on(sql`lower(${g.name})`),
  ],
);

export const memberships = pgTable(
  "memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: membershipRoleEnum("role").notNull().default("member"),
    status: membershipStatusEnum("status").notNull().default("pending"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (m) => [
    uniqueIndex("memberships_group_user_idx").on(m.groupId, m.userId),
    index("memberships_user_idx").on(m.userId),
  ],
);

/**
 * An invitation by email. Only a hash of the token is stored; the invitee's address is kept
 * until the invitation is used or expires, to match it against the person who accepts.
 */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: membershipRoleEnum("role").notNull().default("member"),
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (i) => [index("invitations_email_idx").on(i.email), index("invitations_group_idx").on(i.groupId)],
);
