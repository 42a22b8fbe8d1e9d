// Anti-automation (QUALITY.md, ASVS 2.4.1): per-address limits on actions anyone can take, counted
// in PostgreSQL (rate-limiter-flexible's Drizzle store), so every app server shares one count.
import { createHash } from "node:crypto";
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

/** Story submissions: five per hour from one address. */
export const STORY_SUBMISSIONS: Limit = { name: "story", points: 5, seconds: 3600 };

/** The client's address as Puente keeps it: a SHA-256, never the address itself. */
export function clientKeyOf(address: string): string {
  return createHash("sha256").update(`puente-client:${address}`).digest("hex");
}

/** The first hop of X-Forwarded-For, else X-Real-IP; requests without either share one key. */
export function clientAddress(headers: { get(name: string): string | null }): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || "unknown";
}

/**
 * Counts one use of `limit` by `clientKey`; past the limit, refuses with TOO_MANY_REQUESTS and
 * how many seconds to wait.
 */
export async function consume(db: Database, limit: Limit, clientKey: string): Promise<void> {
  const limiter = new RateLimiterDrizzle({
    storeClient: db,
    schema: rateLimits,
    keyPrefix: limit.name,
    points: limit.points,
    duration: limit.seconds,
    // Expired rows are reused by the next upsert; no timer per limiter.
    clearExpiredByTimeout: false,
  });
  try {
    await limiter.consume(clientKey);
  } catch (refusal) {
    if (!(refusal instanceof RateLimiterRes)) throw refusal;
    throw new DomainError("TOO_MANY_REQUESTS", "tooManyRequests", {
      seconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)),
    });
  }
}
