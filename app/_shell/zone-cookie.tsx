// Tells the server the browser's time zone: a tiny script (public/zone.js) sets the `tz` cookie
// (read by server/i18n/request.ts, for signed-in readers only) when it is missing or stale. It runs
// on the sign-in page, so a person's first signed-in page already reads in their zone. Without
// JavaScript the cookie never comes, and the server's zone serves until they choose one on /me.
// A file, not inline code: no markup is ever made from a string (server/stories/stories.test.ts).
import { headers } from "next/headers";

export async function ZoneCookie() {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return <script src="/zone.js" nonce={nonce} async />;
}
