// What every page tells the browser about itself: scripts only from here and only with this
// response's nonce, never inside a frame, nothing to other sites.
import { expect, test } from "./fixtures";

test("pages carry a strict Content-Security-Policy whose nonce is on every script, and cannot be framed", async ({
  page,
}) => {
  // A page with Next's scripts for a signed-out reader (the public ones come without scripts).
  const response = await page.goto("/signin");
  const csp = response!.headers()["content-security-policy"] ?? "";
  const nonce = csp.match(/'nonce-([^']+)'/)?.[1];
  expect(nonce).toBeTruthy();
  for (const directive of [
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ]) {
    expect(csp).toContain(directive);
  }
  expect(csp).not.toContain("unsafe-eval");
  expect(response!.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response!.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  const scriptNonces = await page
    .locator("script[src]")
    .evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
  // The nonce is new for every response.
  const again = await page.reload();
  expect(again!.headers()["content-security-policy"]).not.toContain(nonce!);

  // The pages sent without scripts, and the API, carry the same headers.
  for (const path of ["/", "/api/trpc/groups.directory?input=%7B%22json%22%3A%7B%7D%7D"]) {
    const headers = (await page.request.get(path)).headers();
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
  }
  // The API's JSON runs no script: its policy has no nonce (none is made for it).
  const api = (
    await page.request.get("/api/trpc/groups.directory?input=%7B%22json%22%3A%7B%7D%7D")
  ).headers();
  expect(api["content-security-policy"]).not.toContain("nonce");
});

test("pages ask nothing of other hosts", async ({ page }) => {
  const foreign: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (!["localhost", "127.0.0.1"].includes(url.hostname)) foreign.push(request.url());
  });
  for (const path of ["/", "/actions", "/groups", "/signin"]) await page.goto(path);
  expect(foreign).toEqual([]);
});
