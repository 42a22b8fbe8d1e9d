// A person's phone number for SMS: added by proving it with a 6-digit code sent to it (10 minutes,
// 5 tries, kept only as an HMAC), then the channel choice (no SMS, urgent messages only, all).
// Sending codes is rate limited per number (hashed), per person and per address. A number belongs
// to whoever proved it last: proving it again moves it, so nobody learns who else has it.
import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { and, eq, ne, sql } from "drizzle-orm";
import { env, type Database } from "@/db/client";
import { phoneNumbers, phoneVerifications, users, type SmsChoice } from "@/db/schema";
import type { Actor } from "../actor";
import { DomainError } from "../errors";
import { translator } from "../i18n/messages";
import { log } from "../log";
import { consume, type Limit } from "../rate-limits";
import { displayNumber, toE164 } from "./numbers";
import { numberKeyOf } from "./privacy";
import { sendSms } from "./sms";
import { SmsUnavailable } from "./transport";

export const CODE_MINUTES = 10;
export const CODE_TRIES = 5;

/** Codes texted to one number, whoever asks: nobody's phone is flooded. */
export const SMS_CODES_PER_NUMBER: Limit = { name: "sms-code-number", points: 5, seconds: 3600 };
/** Codes asked for by one person, and from one address (a shelter's wifi is shared). */
export const SMS_CODES_PER_PERSON: Limit = { name: "sms-code-person", points: 10, seconds: 86_400 };
export const SMS_CODES_PER_ADDRESS: Limit = { name: "sms-code-address", points: 30, seconds: 3600 };

function codeHash(userId: string, e164: string, code: string): string {
  return createHmac("sha256", env("AUTH_SECRET") ?? "puente-sms-code")
    .update(`${userId}:${e164}:${code}`)
    .digest("hex");
}

/** The person's number and choice, or the number waiting for its code; null when neither. */
export async function myPhone(db: Database, actor: Actor) {
  const [number] = await db.select().from(phoneNumbers).where(eq(phoneNumbers.userId, actor.id));
  const [pending] = await db
    .select({ e164: phoneVerifications.e164, expiresAt: phoneVerifications.expiresAt })
    .from(phoneVerifications)
    .where(and(eq(phoneVerifications.userId, actor.id), sql`${phoneVerifications.expiresAt} > now()`));
  return {
    verified: number
      ? {
          number: displayNumber(number.e164),
          smsMessages: number.smsMessages,
          optedOut: number.optedOutAt !== null,
        }
      : null,
    pending: pending ? { number: displayNumber(pending.e164) } : null,
  };
}

/** Texts a new code to `rawNumber` for `actor`, replacing any code they had before. */
export async function requestCode(
  db: Database,
  actor: Actor,
  rawNumber: string,
  clientKey: string | undefined,
): Promise<{ number: string }> {
  const e164 = toE164(rawNumber);
  if (!e164) throw new DomainError("BAD_REQUEST", "phoneInvalid");
  await consume(db, SMS_CODES_PER_PERSON, actor.id);
  if (clientKey) await consume(db, SMS_CODES_PER_ADDRESS, clientKey);
  await consume(db, SMS_CODES_PER_NUMBER, numberKeyOf(e164));
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const values = {
    e164,
    codeHash: codeHash(actor.id, e164, code),
    attempts: 0,
    expiresAt: sql`now() + make_interval(mins => ${CODE_MINUTES})`,
    createdAt: sql`now()`,
  };
  await db
    .insert(phoneVerifications)
    .values({ userId: actor.id, ...values })
    .onConflictDoUpdate({ target: phoneVerifications.userId, set: values });
  const [person] = await db
    .select({ locale: users.preferredLanguage })
    .from(users)
    .where(eq(users.id, actor.id));
  try {
    await sendSms(db, e164, translator(person?.locale ?? "es", "sms")("code", { code }));
  } catch (error) {
    if (!(error instanceof SmsUnavailable)) throw error;
    await db.delete(phoneVerifications).where(eq(phoneVerifications.userId, actor.id));
    throw new DomainError("SERVICE_UNAVAILABLE", "smsUnavailable");
  }
  return { number: displayNumber(e164) };
}

/** Checks `code`: the number becomes the person's when it is right, in time and within 5 tries. */
export async function confirmCode(db: Database, actor: Actor, code: string): Promise<{ number: string }> {
  // Counted before it is compared, in one statement: parallel guesses cannot share a try.
  const [pending] = await db
    .update(phoneVerifications)
    .set({ attempts: sql`${phoneVerifications.attempts} + 1` })
    .where(eq(phoneVerifications.userId, actor.id))
    .returning({
      e164: phoneVerifications.e164,
      codeHash: phoneVerifications.codeHash,
      attempts: phoneVerifications.attempts,
      expired: sql<boolean>`${phoneVerifications.expiresAt} <= now()`,
    });
  if (!pending) throw new DomainError("BAD_REQUEST", "phoneCodeMissing");
  if (pending.attempts > CODE_TRIES) throw new DomainError("TOO_MANY_REQUESTS", "phoneCodeLocked");
  if (pending.expired) throw new DomainError("BAD_REQUEST", "phoneCodeExpired");
  const given = Buffer.from(codeHash(actor.id, pending.e164, code.trim()));
  const expected = Buffer.from(pending.codeHash);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    const left = CODE_TRIES - pending.attempts;
    if (left <= 0) throw new DomainError("TOO_MANY_REQUESTS", "phoneCodeLocked");
    throw new DomainError("BAD_REQUEST", "phoneCodeWrong", { left });
  }
  await db.transaction(async (tx) => {
    await tx
      .delete(phoneNumbers)
      .where(and(eq(phoneNumbers.e164, pending.e164), ne(phoneNumbers.userId, actor.id)));
    await tx
      .insert(phoneNumbers)
      .values({ userId: actor.id, e164: pending.e164 })
      .onConflictDoUpdate({
        target: phoneNumbers.userId,
        set: { e164: pending.e164, verifiedAt: sql`now()`, optedOutAt: null },
      });
    await tx.delete(phoneVerifications).where(eq(phoneVerifications.userId, actor.id));
  });
  log.info("sms: a number was verified");
  return { number: displayNumber(pending.e164) };
}

/** Which messages also come by SMS; saving it also undoes a STOP texted earlier. */
export async function setSmsChoice(db: Database, actor: Actor, smsMessages: SmsChoice) {
  const changed = await db
    .update(phoneNumbers)
    .set({ smsMessages, optedOutAt: null })
    .where(eq(phoneNumbers.userId, actor.id))
    .returning({ userId: phoneNumbers.userId });
  if (!changed.length) throw new DomainError("BAD_REQUEST", "phoneNotVerified");
  return { smsMessages };
}

/** Forgets the person's number and any code waiting for it. */
export async function removePhone(db: Database, actor: Actor) {
  await db.delete(phoneNumbers).where(eq(phoneNumbers.userId, actor.id));
  await db.delete(phoneVerifications).where(eq(phoneVerifications.userId, actor.id));
  return { removed: true };
}
