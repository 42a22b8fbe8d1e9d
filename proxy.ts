// Security headers on every response Next serves (server/front/security-headers.ts), with a fresh
// nonce per request for Next's own scripts. The API's JSON answers run no script: they get the
// API's fixed policy, the one the front server sends on its own API path, and no nonce is made.
import { NextResponse, type NextRequest } from "next/server";
import {
  API_CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  isApiPath,
  securityHeaders,
} from "@/server/front/security-headers";
import { servedOverHttps } from "@/server/origin";

export function proxy(request: NextRequest) {
  let response: NextResponse;
  if (isApiPath(request.nextUrl.pathname)) {
    response = NextResponse.next();
    response.headers.set("content-security-policy", API_CONTENT_SECURITY_POLICY);
  } else {
    const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
    const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("x-nonce", nonce);
    requestHeaders.set("content-security-policy", csp);
    response = NextResponse.next({ request: { headers: requestHeaders } });
    response.headers.set("content-security-policy", csp);
  }
  // HSTS from the configured origin: X-Forwarded-Proto is a client's to forge where no proxy is trusted.
  for (const [name, value] of securityHeaders(servedOverHttps())) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    {
      // favicon.ico included: Puente has none, and its 404 page needs the headers like any other.
      source: "/((?!_next/static|_next/image).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
  ],
};
