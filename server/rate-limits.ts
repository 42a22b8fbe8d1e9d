// Anti-automation (QUALITY.md, ASVS 2.4.1): per-address limits on actions anyone can take, counted
// in PostgreSQL (rate-limiter-flexible's Drizzle store), so every app server shares one count.
import { createHash } from "node:crypto";
import ipaddr from "ipaddr.js";
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import type { Database } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { DomainError } from "./errors";

export interface Limit {
  /** What is limited, e.g. "story". */
  name: string;
  /** How many times per window. */
  points: number;
  /** The window, in seconds. */
  seconds: number;
}

/**
 * PUENTE_RATE_LIMIT_SCALE multiplies every limit: more for a deployment where many people share
 * one address, or for an end-to-end run where every browser comes from 127.0.0.1.
 */
function scale(): number {
  const value = Number(process.env.PUENTE_RATE_LIMIT_SCALE ?? 1);
  return Number.isFinite(value) && value > 0 ? value : 1;
}

/** Story submissions: five per hour from one address. */
export const STORY_SUBMISSIONS: Limit = { name: "story", points: 5, seconds: 3600 };

/**
 * Sign-in links asked for on Puente's forms: per address (a shelter's wifi is shared), and per
 * email address asked from one address, so that a flood from elsewhere leaves the owner theirs.
 */
export const SIGN_IN_PER_ADDRESS: Limit = { name: "signin-address", points: 60, seconds: 3600 };
export const SIGN_IN_PER_EMAIL: Limit = { name: "signin-email", points: 5, seconds: 900 };
/**
 * Sign-in links emailed, however they were asked for (Auth.js's endpoint too): per email address
 * from one address, and per email address alone, far higher, so that no one's inbox is flooded.
 */
export const SIGN_IN_LINKS_SENT: Limit = { name: "signin-sent", points: 10, seconds: 3600 };
export const SIGN_IN_LINKS_TO_ONE_EMAIL: Limit = { name: "signin-sent-email", points: 100, seconds: 3600 };

/** Shift signups: per person and per address. */
export const SIGNUPS_PER_PERSON: Limit = { name: "signup-person", points: 120, seconds: 3600 };
export const SIGNUPS_PER_ADDRESS: Limit = { name: "signup-address", points: 600, seconds: 3600 };

/** Asking to join groups, and inviting people to them: per person. */
export const JOIN_REQUESTS: Limit = { name: "join", points: 20, seconds: 3600 };
export const INVITATIONS: Limit = { name: "invite", points: 50, seconds: 86_400 };
/** Per person, for a group no admin has verified yet: a new account cannot mail strangers in bulk. */
export const INVITATIONS_UNVERIFIED: Limit = { name: "invite-unverified", points: 5, seconds: 86_400 };

/** Messages sent, and replies: per person (a stolen session cannot spam thousands). */
export const MESSAGES_SENT: Limit = { name: "message-send", points: 30, seconds: 3600 };
export const REPLIES_SENT: Limit = { name: "message-reply", points: 120, seconds: 3600 };

/**
 * The client's address as Puente keeps it: a SHA-256, never the address itself. An IPv6 address
 * counts as its /64 network, which one household or phone is usually given whole: rotating the
 * rest of the address must not multiply a limit.
 */
export function clientKeyOf(address: string): string;
export function clientKeyOf(address: string | undefined): string | undefined;
export function clientKeyOf(address: string | undefined): string | undefined {
  if (address === undefined) return undefined;
  return createHash("sha256")
    .update(`puente-client:${networkOf(address)}`)
    .digest("hex");
}

function networkOf(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === "ipv4") return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${parts.map((part) => part.toString(16)).join(":")}::/64`;
}

/**
 * The client's address as the front server passed it on (server/front/client-address.ts decides
 * it, and overwrites X-Forwarded-For with it): undefined when no server said.
 */
export function clientAddress(headers: { get(name: string): string | null }): string | undefined {
  return headers.get("x-forwarded-for")?.split(",").at(-1)?.trim() || undefined;
}

// One limiter per database handle and limit, built on first use: its options never change, and
// building one per call cost an object, its options' checks and a closure on every signup. Keyed
// by the points too, so that a changed PUENTE_RATE_LIMIT_SCALE (tests set it) is obeyed. A
// transaction handle is forgotten with it (WeakMap).
const limiters = new WeakMap<Database, Map<string, RateLimiterDrizzle>>();

/** The limiter counting `limit` in `db`: the same one for every call with the same pair. */
export function limiterFor(db: Database, limit: Limit): RateLimiterDrizzle {
  const points = Math.max(1, Math.round(limit.points * scale()));
  let built = limiters.get(db);
  if (!built) limiters.set(db, (built = new Map()));
  const key = `${limit.name}:${points}:${limit.seconds}`;
  let limiter = built.get(key);
  if (!limiter) {
    limiter = new RateLimiterDrizzle({
      storeClient: db,
      schema: rateLimits,
      keyPrefix: limit.name,
      points,
      duration: limit.seconds,
      // Expired rows are reused by the next upsert; no timer per limiter.
      clearExpiredByTimeout: false,
    });
    built.set(key, limiter);
  }
  return limiter;
}

/**
 * Counts one use of `limit` by `key`: how many uses past the limit this one is (0 while within
 * it), and how many seconds until the window ends.
 */
export async function count(
  db: Database,
  limit: Limit,
  key: string,
): Promise<{ overBy: number; secondsToWait: number }> {
  const limiter = limiterFor(db, limit);
  try {
    await limiter.consume(key);
    return { overBy: 0, secondsToWait: 0 };
  } catch (refusal) {
    if (!(refusal instanceof RateLimiterRes)) throw refusal;
    return {
      overBy: refusal.consumedPoints - limiter.points,
      secondsToWait: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)),
    };
  }
}

/**
 * Counts one use of `limit` by `clientKey`; past the limit, refuses with TOO_MANY_REQUESTS and
 * how many seconds to wait.
 */
export async function consume(db: Database, limit: Limit, clientKey: string): Promise<void> {
  const { overBy, secondsToWait } = await count(db, limit, clientKey);
  if (overBy > 0) throw new DomainError("TOO_MANY_REQUESTS", "tooManyRequests", { seconds: secondsToWait });
}

/** Counts one use of a per-person limit and, when the address is known, of a per-address one. */
export async function consumeForPerson(
  db: Database,
  perPerson: Limit,
  personId: string,
  perAddress?: { limit: Limit; clientKey: string | undefined },
): Promise<void> {
  await consume(db, perPerson, personId);
  if (perAddress?.clientKey) await consume(db, perAddress.limit, perAddress.clientKey);
}

/** The key of an email address for per-address limits: a hash, so no address is stored. */
export const emailKeyOf = (email: string) =>
  createHash("sha256").update(`puente-email:${email.toLowerCase()}`).digest("hex");

/** The key of an email address asked for from one client (`clientKey`, itself a hash). */
export const emailFromClientKeyOf = (email: string, clientKey: string | undefined) =>
  createHash("sha256")
    .update(`puente-email-from:${email.toLowerCase()}:${clientKey ?? "unknown"}`)
    .digest("hex");
