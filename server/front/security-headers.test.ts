// The proxy's headers on what Next serves: a page gets a fresh nonce for its scripts; the API's
// JSON gets the same fixed, script-free policy as the front server's own API path, and no nonce
// is made for it (issue 21).
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { API_CONTENT_SECURITY_POLICY } from "./security-headers";

const through = (path: string) => proxy(new NextRequest(new URL(path, "http://puente.test")));
/** The request headers the proxy hands on to Next (NextResponse.next's override). */
const handedOn = (response: Response, name: string) => response.headers.get(`x-middleware-request-${name}`);

describe("the proxy's Content-Security-Policy", () => {
  it("gives each page a new nonce, in the page's policy and in the request Next renders", () => {
    const first = through("/signin");
    const second = through("/signin");
    const nonce = first.headers.get("content-security-policy")?.match(/'nonce-([^']+)'/)?.[1];
    expect(nonce).toBeTruthy();
    expect(handedOn(first, "x-nonce")).toBe(nonce);
    expect(second.headers.get("content-security-policy")).not.toContain(nonce!);
  });

  it("sends the API the front server's fixed policy, with no nonce and none handed on", () => {
    for (const path of ["/api/trpc/actions.list?input=%7B%7D", "/api/trpc/actions.signUp"]) {
      const response = through(path);
      const csp = response.headers.get("content-security-policy");
      expect(csp, path).toBe(API_CONTENT_SECURITY_POLICY);
      expect(csp, path).not.toContain("nonce");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("object-src 'none'");
      expect(handedOn(response, "x-nonce"), path).toBeNull();
      expect(response.headers.get("x-frame-options"), path).toBe("DENY");
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
    }
  });
});
