// Reading a request's Auth.js database session without Auth.js: one query, for the paths that run
// on every request (pages, the API). Auth.js (./auth.ts) still does everything that writes a
// session: signing in and out, deleting an expired one, the daily extension. Kept apart from
// ./auth.ts so the front server (server/front) can read sessions without loading Auth.js.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Session } from "next-auth";
import type { Database } from "@/db/client";
import { sessions, users } from "@/db/schema";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
export const SESSION_UPDATE_AGE_SECONDS = 24 * 60 * 60;
/** Auth.js's session cookie, with the `__Secure-` prefix when the site is served over HTTPS. */
export const SESSION_COOKIE = { https: "__Secure-authjs.session-token", http: "authjs.session-token" };

/** 256 random bits: above ASVS 7.2.3's 128, where Auth.js's default UUID has 122. */
export const generateSessionToken = () => randomBytes(32).toString("hex");

/** Whether a cookie of this name is (a chunk of) an Auth.js session cookie, over HTTP or HTTPS. */
export function isSessionCookie(name: string): boolean {
  return /^(?:__Secure-)?authjs\.session-token(?:\.\d+)?$/.test(name);
}

/**
 * A live session's payload, as Auth.js's `session` callback shapes it, found by one query; or
 * "ask Auth.js" when there is something to do besides reading: an expired session (Auth.js deletes
 * it) or one due for its daily extension (Auth.js pushes `expires` forward).
 */
export async function sessionOfToken(
  db: Database,
  token: string,
  now = Date.now(),
): Promise<Session | null | "ask Auth.js"> {
  const [row] = await db
    .select({
      expires: sessions.expires,
      id: users.id,
      name: users.name,
      isAdmin: users.isAdmin,
      timeZone: users.timeZone,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.sessionToken, token));
  if (!row) return null;
  const dueForUpdate =
    row.expires.getTime() - (SESSION_MAX_AGE_SECONDS - SESSION_UPDATE_AGE_SECONDS) * 1000 <= now;
  if (row.expires.getTime() < now || dueForUpdate) return "ask Auth.js";
  return {
    expires: row.expires.toISOString(),
    user: { id: row.id, name: row.name ?? null, isAdmin: row.isAdmin, timeZone: row.timeZone },
  } as Session;
}
