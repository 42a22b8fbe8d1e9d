// The audit log: who did what sensitive thing, and when. Details never hold emails, tokens or
// positions (QUALITY.md, 16.2.5): subjects are referred to by id.
import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { groups } from "./groups";

export const auditEvents = pgTable(
  "audit_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** A dotted verb, e.g. `auth.sign_in`, `group.verify`, `membership.role_change`. */
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id"),
    /** The group the event concerns, if any: lets admins filter the log by group. */
    groupId: uuid("group_id").references(() => groups.id, { onDelete: "set null" }),
    detail: jsonb("detail").$type<Record<string, string | number | boolean | null>>(),
  },
  (a) => [
    index("audit_events_at_idx").on(a.at),
    index("audit_events_actor_idx").on(a.actorId, a.at),
    index("audit_events_group_idx").on(a.groupId, a.at),
  ],
);
