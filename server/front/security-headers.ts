// Security headers on every response (QUALITY.md, ASVS 3.4): a strict Content-Security-Policy
// (with a fresh nonce per page for Next's own scripts), no framing, no other hosts, HSTS when
// PUENTE_URL is https (../origin.ts servedOverHttps, never a request header), and a referrer and
// permissions policy that leak nothing (location for Puente's own pages only, asked on a tap). Set by proxy.ts on what Next serves, and by the front
// server (./api.ts) on the API it answers itself.

/** `nonce` for a page with Next's scripts, null for JSON, "none" for a page with no script at all. */
export function contentSecurityPolicy(nonce: string | null | "none", dev = false): string {
  return [
    "default-src 'self'",
    nonce === "none"
      ? "script-src 'none'"
      : nonce
        ? `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`
        : "script-src 'self'",
    // Inline style attributes only (React, the route announcer): styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    // The service worker (public/sw.js): 'strict-dynamic' would otherwise leave it no source.
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * The policy of the API's answers (JSON, never run as a page): no script, so no nonce to make.
 * One string for Next's route (proxy.ts) and the front server's own API path (./api.ts).
 */
export const API_CONTENT_SECURITY_POLICY = contentSecurityPolicy(null);

/**
 * The policy of a public page served without scripts (./script-free.ts): nothing may run, so
 * there is no nonce to make, and one page may be served to every reader (./page-cache.ts).
 */
export const SCRIPT_FREE_CONTENT_SECURITY_POLICY = contentSecurityPolicy("none");

/** The tRPC API's paths, whoever answers them: JSON only, no page and no script. */
export const isApiPath = (pathname: string) => pathname.startsWith("/api/trpc/");

/** Every header but the policy, which depends on the page. */
export function securityHeaders(https: boolean): [name: string, value: string][] {
  return [
    ["x-content-type-options", "nosniff"],
    ["x-frame-options", "DENY"],
    ["referrer-policy", "strict-origin-when-cross-origin"],
    // Location only for Puente's own pages: the place picker's "use my location", which rounds it
    // on the phone before anything is sent (app/_forms/place-picker.tsx).
    ["permissions-policy", "camera=(), microphone=(), geolocation=(self), payment=(), interest-cohort=()"],
    ["cross-origin-opener-policy", "same-origin"],
    ...(https
      ? ([["strict-transport-security", "max-age=31536000; includeSubDomains"]] as [string, string][])
      : []),
  ];
}
