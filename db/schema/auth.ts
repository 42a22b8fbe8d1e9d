// Accounts and sign-in: the tables Auth.js's Drizzle adapter reads and writes, plus the
// profile a person keeps in Puente. Only what is used is collected (EFF: collect only what is used).
import { sql } from "drizzle-orm";
import { boolean, integer, pgEnum, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

export const locales = ["es", "en"] as const;
export type Locale = (typeof locales)[number];
export const localeEnum = pgEnum("locale", locales);

export const skills = [
  "legal",
  "medical",
  "translation",
  "driving",
  "logistics",
  "childcare",
  "cooking",
  "security",
] as const;
export type Skill = (typeof skills)[number];
export const skillEnum = pgEnum("skill", skills);

export const users = pgTable("users", {
  id: text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  /** Display name; may be a pseudonym. Auth.js calls it `name`. */
  name: text("name"),
  /** Null for an account made by phone (a caravan's delegate may have no email): it signs in by SMS. */
  email: text("email").unique(),
  emailVerified: timestamp("email_verified", { mode: "date", withTimezone: true }),
  image: text("image"),
  preferredLanguage: localeEnum("preferred_language").notNull().default("es"),
  languagesSpoken: text("languages_spoken")
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  skills: skillEnum("skills")
    .array()
    .notNull()
    .default(sql`'{}'::skill[]`),
  phone: text("phone"),
  isAdmin: boolean("is_admin").notNull().default(false),
  /** Made a reviewer by an admin: reviews stories and the meeting points proposed. */
  reviewer: boolean("reviewer").notNull().default(false),
  /** Email for messages that are not urgent (urgent ones are always emailed). */
  emailMessages: boolean("email_messages").notNull().default(true),
  /**
   * The IANA zone the person reads times in; null until they choose one, when their browser's zone
   * (sent by the page) or the server's serves.
   */
  timeZone: text("time_zone"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const accounts = pgTable(
  "accounts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (account) => [primaryKey({ columns: [account.provider, account.providerAccountId] })],
);

export const sessions = pgTable("sessions", {
  sessionToken: text("session_token").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expires: timestamp("expires", { mode: "date", withTimezone: true }).notNull(),
});

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { mode: "date", withTimezone: true }).notNull(),
  },
  (vt) => [primaryKey({ columns: [vt.identifier, vt.token] })],
);

/**
 * A sign-in code texted to a number (./sms.ts's phone_numbers says whose it is, if anyone's): 6
 * digits kept as an HMAC, 10 minutes, 5 tries, single use, one per number. The browser holds only
 * `ticket`, a random handle, between asking for the code and typing it.
 */
export const phoneSignInCodes = pgTable("phone_sign_in_codes", {
  ticket: text("ticket").primaryKey(),
  e164: text("e164").notNull().unique(),
  codeHash: text("code_hash").notNull(),
  attempts: integer("attempts").notNull().default(0),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
