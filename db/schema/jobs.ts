// The durable job queue (email, reminders): rows in PostgreSQL, claimed with SKIP LOCKED so
// several app servers share the work, retried with backoff, and deduplicated by key.
import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const jobs = pgTable(
  "jobs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind").notNull(),
    payload: jsonb("payload").$type<Record<string, string>>().notNull(),
    /** At most one job per key, ever: "remind signup X" is enqueued many times but runs once. */
    dedupeKey: text("dedupe_key"),
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    doneAt: timestamp("done_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (j) => [
    uniqueIndex("jobs_dedupe_idx").on(j.dedupeKey),
    index("jobs_due_idx")
      .on(j.runAt)
      .where(sql`${j.doneAt} is null`),
  ],
);
