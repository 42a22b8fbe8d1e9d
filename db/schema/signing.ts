// What Puente signs so that anyone can tell its announcements from forgeries (server/signing/):
// the instance's Ed25519 keys, the retired ones kept so old statements still verify, and every
// statement signed, found again by its short code.
import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const signingKeys = pgTable(
  "signing_keys",
  {
    /** The first 16 hex digits of the SHA-256 of the public key: its fingerprint. */
    id: text("id").primaryKey(),
    /** The 32-byte public key, base64url. */
    publicKey: text("public_key").notNull(),
    /**
     * The 32-byte private seed, base64url, while the key signs and was made here; null for a key
     * given by PUENTE_SIGNING_KEY (never stored) and for a retired key.
     */
    secretKey: text("secret_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Since when it no longer signs; its statements still verify, marked as made with a retired key. */
    retiredAt: timestamp("retired_at", { withTimezone: true }),
  },
  // One key signs at a time, even when two app servers make the first one at once.
  (k) => [
    uniqueIndex("signing_keys_one_active_idx")
      .on(sql`(true)`)
      .where(sql`${k.retiredAt} is null`),
  ],
);

export const statementKinds = [
  "meeting_point.chosen",
  "message.urgent",
  "action.cancelled",
  "action.changed",
] as const;
export type StatementKind = (typeof statementKinds)[number];
export const statementKindEnum = pgEnum("statement_kind", statementKinds);

export const signedStatements = pgTable(
  "signed_statements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Ten Crockford base-32 letters from the signature, read aloud or texted: "K7Q4M-Z9TXW". */
    code: text("code").notNull().unique(),
    kind: statementKindEnum("kind").notNull(),
    /** The meeting point, message or action the statement is about. */
    subjectId: uuid("subject_id").notNull(),
    /** The canonical JSON that was signed, byte for byte (server/signing/statement.ts). */
    body: text("body").notNull(),
    keyId: text("key_id")
      .notNull()
      .references(() => signingKeys.id),
    /** The Ed25519 signature of `body`, base64url. */
    signature: text("signature").notNull().unique(),
    signedAt: timestamp("signed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (s) => [index("signed_statements_subject_idx").on(s.subjectId, s.signedAt)],
);
