// X-Forwarded-Proto against the production build, whose PUENTE_URL is http://: what it claims
// switches neither HSTS (proxy.ts) nor the session cookie pages read (server/auth.ts), even from the
// proxy the e2e server trusts. Auth.js names its cookie from PUENTE_URL; everything else agrees.
// Untrusted peers' forwarding headers never reach Next at all: server/front/forwarded-headers.test.ts.
import { expect, newEmail, test } from "./fixtures";
import { BASE_URL } from "./settings";

test("a claimed X-Forwarded-Proto: https gets no HSTS and no reading of a __Secure- cookie over http", async ({
  mailbox,
  playwright,
}) => {
  // Signed in without a browser, as a script would: Auth.js's form with its CSRF token, then the link.
  const client = await playwright.request.newContext({ baseURL: BASE_URL });
  const email = newEmail();
  const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await client.post("/api/auth/signin/email", { form: { csrfToken, email, callbackUrl: "/me" } });
  await client.get(await mailbox.waitForSignInLink(email), { maxRedirects: 0 });
  const session = (await client.storageState()).cookies.find(
    (cookie) => cookie.name === "authjs.session-token",
  );
  expect(session, "Auth.js names its cookie from the http:// PUENTE_URL").toBeDefined();

  // Only the cookies named here are sent from now on.
  await client.dispose();
  const bare = await playwright.request.newContext({ baseURL: BASE_URL });
  const me = (headers: Record<string, string>) => bare.get("/me", { headers, maxRedirects: 0 });

  const plain = await me({ cookie: `authjs.session-token=${session!.value}` });
  expect(plain.status(), "the token is live").toBe(200);

  const secure = await me({
    "x-forwarded-proto": "https",
    cookie: `__Secure-authjs.session-token=${session!.value}`,
  });
  expect(secure.status(), "signed out: the __Secure- cookie is not Auth.js's over http").toBe(307);
  expect(secure.headers()["location"]).toContain("/signin");
  expect(secure.headers()["strict-transport-security"]).toBeUndefined();

  const signInPage = await bare.get("/signin", { headers: { "x-forwarded-proto": "https" } });
  expect(signInPage.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(signInPage.headers()["strict-transport-security"]).toBeUndefined();
  await bare.dispose();
});
