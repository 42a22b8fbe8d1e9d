// Signing in with a code texted to a phone: for a person whose verified number is on their account,
// and for a caravan's delegate with no email at all, whose account is made by the first sign-in.
// The same rules as the emailed link: the code is single use and good for 10 minutes (5 tries),
// and the session is an Auth.js database session like any other. Asking for a code is limited per
// number (hashed) and per address; whether a number has an account is never told.
import { createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { env, type Database } from "@/db/client";
import { phoneNumbers, phoneSignInCodes, sessions, users, type Locale } from "@/db/schema";
import { recordAudit } from "../audit/audit";
import { DomainError } from "../errors";
import { translator } from "../i18n/messages";
import { log } from "../log";
import { consume, type Limit } from "../rate-limits";
import { generateSessionToken, SESSION_MAX_AGE_SECONDS } from "../sessions";
import { CODE_MINUTES, CODE_TRIES, SMS_CODES_PER_ADDRESS, SMS_CODES_PER_NUMBER } from "./phones";
import { displayNumber, toE164 } from "./numbers";
import { maskNumber, numberKeyOf } from "./privacy";
import { sendSms } from "./sms";
import { SmsUnavailable } from "./transport";

/** Codes one address may ask for, for any numbers: a phone farm cannot text the world. */
export const SIGN_IN_CODES_PER_ADDRESS: Limit = SMS_CODES_PER_ADDRESS;

function codeHash(ticket: string, e164: string, code: string): string {
  return createHmac("sha256", env("AUTH_SECRET") ?? "puente-sms-sign-in")
    .update(`sign-in:${ticket}:${e164}:${code}`)
    .digest("hex");
}

/**
 * Texts a sign-in code to `rawNumber`, whether or not an account has it (the answer is the same
 * either way), replacing any code the number had. Returns the ticket the browser keeps until the
 * code is typed, and the number as its owner reads it.
 */
export async function requestSignInCode(
  db: Database,
  rawNumber: string,
  clientKey: string | undefined,
  locale: Locale,
): Promise<{ ticket: string; number: string }> {
  const e164 = toE164(rawNumber);
  if (!e164) throw new DomainError("BAD_REQUEST", "phoneInvalid");
  if (clientKey) await consume(db, SIGN_IN_CODES_PER_ADDRESS, clientKey);
  await consume(db, SMS_CODES_PER_NUMBER, numberKeyOf(e164));
  const ticket = randomBytes(24).toString("base64url");
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const values = {
    ticket,
    codeHash: codeHash(ticket, e164, code),
    attempts: 0,
    expiresAt: sql`now() + make_interval(mins => ${CODE_MINUTES})`,
    createdAt: sql`now()`,
  };
  await db
    .insert(phoneSignInCodes)
    .values({ e164, ...values })
    .onConflictDoUpdate({ target: phoneSignInCodes.e164, set: values });
  // The owner's own language when the number is someone's, else the page's.
  const [owner] = await db
    .select({ locale: users.preferredLanguage })
    .from(phoneNumbers)
    .innerJoin(users, eq(users.id, phoneNumbers.userId))
    .where(eq(phoneNumbers.e164, e164));
  try {
    await sendSms(db, e164, translator(owner?.locale ?? locale, "sms")("signInCode", { code }));
  } catch (error) {
    if (!(error instanceof SmsUnavailable)) throw error;
    await db.delete(phoneSignInCodes).where(eq(phoneSignInCodes.ticket, ticket));
    throw new DomainError("SERVICE_UNAVAILABLE", "smsUnavailable");
  }
  log.info("sms: a sign-in code was sent", { to: maskNumber(e164) });
  return { ticket, number: displayNumber(e164) };
}

/**
 * Checks `code` against the ticket's. Right, in time and within 5 tries, it is spent (a second use,
 * even a simultaneous one, finds nothing) and a session is made for the number's owner, or for a new
 * account that has only this number. Returns the session for the caller to set as its cookie.
 */
export async function signInWithCode(
  db: Database,
  ticket: string,
  code: string,
  locale: Locale,
): Promise<{ sessionToken: string; expires: Date; newAccount: boolean }> {
  // Counted before it is compared, in one statement: parallel guesses cannot share a try.
  const [pending] = await db
    .update(phoneSignInCodes)
    .set({ attempts: sql`${phoneSignInCodes.attempts} + 1` })
    .where(eq(phoneSignInCodes.ticket, ticket))
    .returning({
      e164: phoneSignInCodes.e164,
      codeHash: phoneSignInCodes.codeHash,
      attempts: phoneSignInCodes.attempts,
      expired: sql<boolean>`${phoneSignInCodes.expiresAt} <= now()`,
    });
  if (!pending) throw new DomainError("BAD_REQUEST", "phoneCodeMissing");
  if (pending.attempts > CODE_TRIES) throw new DomainError("TOO_MANY_REQUESTS", "phoneCodeLocked");
  if (pending.expired) throw new DomainError("BAD_REQUEST", "phoneCodeExpired");
  const given = Buffer.from(codeHash(ticket, pending.e164, code.trim()));
  const expected = Buffer.from(pending.codeHash);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    const left = CODE_TRIES - pending.attempts;
    if (left <= 0) throw new DomainError("TOO_MANY_REQUESTS", "phoneCodeLocked");
    throw new DomainError("BAD_REQUEST", "phoneCodeWrong", { left });
  }
  return db.transaction(async (tx) => {
    // Spent here: of two requests with the right code, one deletes the row and the other finds none.
    const spent = await tx
      .delete(phoneSignInCodes)
      .where(eq(phoneSignInCodes.ticket, ticket))
      .returning({ e164: phoneSignInCodes.e164 });
    if (!spent.length) throw new DomainError("BAD_REQUEST", "phoneCodeMissing");
    const [known] = await tx
      .select({ userId: phoneNumbers.userId })
      .from(phoneNumbers)
      .where(eq(phoneNumbers.e164, pending.e164));
    let userId = known?.userId;
    if (!userId) {
      // A person with only a phone: the number is proven, and texts are the way to reach them.
      const [made] = await tx
        .insert(users)
        .values({ email: null, preferredLanguage: locale })
        .returning({ id: users.id });
      userId = made!.id;
      await tx.insert(phoneNumbers).values({ userId, e164: pending.e164, smsMessages: "all" });
      await recordAudit(tx, {
        actorId: userId,
        action: "auth.account_by_phone",
        subjectType: "user",
        subjectId: userId,
      });
    }
    const sessionToken = generateSessionToken();
    const expires = new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000);
    await tx.insert(sessions).values({ sessionToken, userId, expires });
    await recordAudit(tx, {
      actorId: userId,
      action: "auth.sign_in",
      subjectType: "user",
      subjectId: userId,
      detail: { by: "sms" },
    });
    log.info("sign-in", { user: userId, by: "sms" });
    return { sessionToken, expires, newAccount: !known };
  });
}
