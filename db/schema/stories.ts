// Stories: testimonies migrants choose to share, with consent they control. Only what the story
// needs is kept: a pseudonym (never a full name), no email (the withdrawal link is emailed and the
// address forgotten), the original text only until publication, and nothing at all once withdrawn.
import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { localeEnum, users } from "./auth";
import { countries } from "./groups";

export const ageRanges = ["18_24", "25_34", "35_49", "50_plus"] as const;
export type AgeRange = (typeof ageRanges)[number];
export const ageRangeEnum = pgEnum("age_range", ageRanges);

/** submitted → published or declined; submitted or published → withdrawn (by the teller). */
export const storyStatuses = ["submitted", "published", "declined", "withdrawn"] as const;
export type StoryStatus = (typeof storyStatuses)[number];
export const storyStatusEnum = pgEnum("story_status", storyStatuses);

export const stories = pgTable(
  "stories",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    status: storyStatusEnum("status").notNull().default("submitted"),
    pseudonym: text("pseudonym").notNull(),
    country: text("country", { enum: countries }).notNull(),
    ageRange: ageRangeEnum("age_range"),
    /** Free text: the caravan the teller travels with, as they name it. */
    caravanName: text("caravan_name"),
    /** The texts as they are (or will be) published; reviewers edit these. */
    textEs: text("text_es"),
    textEn: text("text_en"),
    /** The texts exactly as the teller wrote them; deleted when the story is published. */
    originalEs: text("original_es"),
    originalEn: text("original_en"),
    /** The language a reviewer translated the story into, if any (the other one is the original). */
    translatedInto: localeEnum("translated_into"),
    /** Consent: when it was given, which wording (version) and in which language it was read. */
    consentedAt: timestamp("consented_at", { withTimezone: true }).notNull(),
    consentVersion: text("consent_version").notNull(),
    consentLocale: localeEnum("consent_locale").notNull(),
    /** SHA-256 of the withdrawal link's 256-bit token; the token itself is never stored. */
    withdrawTokenHash: text("withdraw_token_hash").notNull().unique(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
    reviewedBy: text("reviewed_by").references(() => users.id, { onDelete: "set null" }),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
  },
  (s) => [
    index("stories_published_idx").on(s.status, s.publishedAt),
    index("stories_queue_idx").on(s.status, s.submittedAt),
  ],
);

/**
 * Counters of rate-limited actions (rate-limiter-flexible's Drizzle store): one row per limited
 * key, e.g. `story:<sha-256 of the client address>`; the address itself is never stored. Also each
 * group's SMS segments today, `sms-cap:<group id>:<UTC day>` (server/sms/cap.ts).
 */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull().default(0),
  expire: timestamp("expire", { withTimezone: true }),
});
