// Which session a page is rendered for, as the service worker (public/sw.js) sees it: a hash of
// the session token, so that saved pages are kept per session and dropped when another person,
// or nobody, is signed in on the phone. The token itself never reaches a page.
import { createHash } from "node:crypto";
import { cookies } from "next/headers";
import { currentSession } from "@/server/auth";
import { SESSION_COOKIE } from "@/server/sessions";

export function viewerKeyOf(sessionToken: string): string {
  return createHash("sha256").update(`puente-offline:${sessionToken}`).digest("hex").slice(0, 32);
}

/** The viewer key of the signed-in person, or null for a signed-out reader. */
export async function offlineViewer(): Promise<string | null> {
  const [session, jar] = await Promise.all([currentSession(), cookies()]);
  if (!session?.user) return null;
  const token = [SESSION_COOKIE.https, SESSION_COOKIE.http].map((name) => jar.get(name)?.value).find(Boolean);
  return token ? viewerKeyOf(token) : null;
}
