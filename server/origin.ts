// The one address Puente is reached at. Every absolute URL it writes (sign-in links, invitations,
// reminders, story withdrawal links, calendar feeds) and every same-origin check is built from it,
// never from a header a client sends (Host, X-Forwarded-Host, Origin): a forged host must not get
// a sign-in link pointed at itself. PUENTE_URL when set; else http://localhost:PORT, for a first
// `npm start` on a laptop.
import { env } from "@/db/env";

/** `scheme://host[:port]` of PUENTE_URL (any path dropped), else http://localhost:PORT. */
export function publicOrigin(): string {
  const configured = env("PUENTE_URL");
  if (configured) {
    const url = new URL(configured);
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      throw new Error(`PUENTE_URL must be an http(s) address, not ${url.protocol}`);
    }
    return url.origin;
  }
  return `http://localhost:${Number(env("PORT") ?? 3000)}`;
}

/**
 * Whether people reach Puente over HTTPS: PUENTE_URL's scheme, never X-Forwarded-Proto. Auth.js
 * names its session cookie from the same origin (AUTH_URL, ./auth.ts), `__Secure-` over HTTPS, so
 * every reader of the cookie agrees with it; HSTS follows it too.
 */
export const servedOverHttps = () => publicOrigin().startsWith("https:");

/** True when PUENTE_URL names the public address (production); false when the default is guessed. */
export const hasConfiguredOrigin = () => env("PUENTE_URL") !== undefined;

/** True when `origin` (an Origin header, or a URL) is Puente's own, scheme, host and port alike. */
export function isOwnOrigin(origin: string | null | undefined): boolean {
  if (!origin || origin === "null") return false;
  try {
    return new URL(origin).origin === publicOrigin();
  } catch {
    return false;
  }
}

/**
 * True unless the request names another host than Puente's: its `X-Forwarded-Host` (else `Host`),
 * and its `Origin` when sent. Such a request gets no emailed link: behind a proxy, the proxy must
 * pass the public host on (as Next's server actions already require).
 */
export function namesOwnHost(headers: { get(name: string): string | null }): boolean {
  const own = new URL(publicOrigin());
  const host = (headers.get("x-forwarded-host") ?? headers.get("host"))?.split(",")[0]?.trim();
  if (host) {
    try {
      // Parsed as a URL of our own scheme, so "example.org:443" and "example.org" compare equal.
      if (new URL(`${own.protocol}//${host}`).host !== own.host) return false;
    } catch {
      return false;
    }
  }
  const origin = headers.get("origin");
  return origin === null || isOwnOrigin(origin);
}
