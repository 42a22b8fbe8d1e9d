// An attacker's forged host against the production build: the /signin form (its server action,
// posted without a browser) and Auth.js's own endpoint, with `Host`, `X-Forwarded-Host` or `Origin`
// naming another host. Whoever clicks a link pointed at that host would hand it their token, so
// each must send no email at all, or one whose link is on the configured origin (PUENTE_URL).
import { request as httpRequest } from "node:http";
import { expect, newEmail, signInLinkIn, test } from "./fixtures";
import type { Mailbox } from "./mailbox";
import { APP_PORT, BASE_URL } from "./settings";

const EVIL = "evil.example";

interface Answer {
  status: number;
  location: string | null;
  setCookies: string[];
  body: string;
}

/** A raw HTTP request to the app, with whatever headers an attacker likes (node:http lets `Host` be set). */
function send(
  path: string,
  {
    method = "GET",
    headers = {},
    body,
  }: { method?: string; headers?: Record<string, string>; body?: Buffer } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: "127.0.0.1",
        port: APP_PORT,
        path,
        method,
        headers: { host: `localhost:${APP_PORT}`, ...headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            location: response.headers.location ?? null,
            setCookies: response.headers["set-cookie"] ?? [],
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** The /signin form as a browser without JavaScript posts it: multipart, naming its server action. */
async function postSignInForm(email: string, headers: Record<string, string>) {
  const page = await send("/signin");
  const action = page.body.match(/name="(\$ACTION_ID_[0-9a-f]+)"/)?.[1];
  if (!action) throw new Error("no server action in the /signin form");
  const form = new FormData();
  form.set(action, "");
  form.set("email", email);
  const encoded = new Response(form);
  return send("/signin", {
    method: "POST",
    headers: { "content-type": encoded.headers.get("content-type")!, ...headers },
    body: Buffer.from(await encoded.arrayBuffer()),
  });
}

/** Auth.js's endpoint posted directly, with a CSRF token fetched under the same forged headers. */
async function postAuthEndpoint(email: string, headers: Record<string, string>) {
  const csrf = await send("/api/auth/csrf", { headers });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const cookie = csrf.setCookies.map((c) => c.split(";")[0]).join("; ");
  return send("/api/auth/signin/email", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, ...headers },
    body: Buffer.from(new URLSearchParams({ csrfToken, email }).toString()),
  });
}

/** Nothing arrived, or what arrived links to the configured origin only. */
async function expectNoForeignLink(mailbox: Mailbox, email: string) {
  const arrived = await mailbox.waitForEmail(email, { timeout: 4_000 }).catch(() => null);
  if (!arrived) return;
  expect(signInLinkIn(arrived).startsWith(`${BASE_URL}/`)).toBe(true);
  expect(arrived.text).not.toContain(EVIL);
}

const forgeries: Record<string, Record<string, string>> = {
  Host: { host: EVIL, origin: `http://${EVIL}` },
  "X-Forwarded-Host": { "x-forwarded-host": EVIL, origin: `http://${EVIL}` },
  "X-Forwarded-Host and proto": {
    "x-forwarded-host": EVIL,
    "x-forwarded-proto": "https",
    origin: `https://${EVIL}`,
  },
  Origin: { origin: `http://${EVIL}` },
};

for (const [name, headers] of Object.entries(forgeries)) {
  test(`the /signin form with a forged ${name} sends no link to another host`, async ({ mailbox }) => {
    const email = newEmail();
    // An Origin that matches neither Host nor X-Forwarded-Host is refused by Next itself (its
    // server actions' CSRF check, a 500) before Puente's code runs: what matters is what is sent.
    const answer = await postSignInForm(email, headers);
    expect(answer.location ?? "").not.toContain(EVIL);
    await expectNoForeignLink(mailbox, email);
  });

  test(`Auth.js's endpoint with a forged ${name} sends no link to another host`, async ({ mailbox }) => {
    const email = newEmail();
    const answer = await postAuthEndpoint(email, headers);
    expect(answer.location ?? "").not.toContain(EVIL);
    await expectNoForeignLink(mailbox, email);
  });
}

test("the form tells whoever names another host, in their language, and emails nothing", async ({
  mailbox,
}) => {
  const email = newEmail();
  const answer = await postSignInForm(email, forgeries.Host!);
  expect(answer.status).toBe(303);
  expect(answer.location).toBe("/signin?error=host");
  expect(await mailbox.waitForEmail(email, { timeout: 4_000 }).catch(() => null)).toBeNull();
  const page = await send("/signin?error=host", { headers: { "accept-language": "es-MX,es;q=0.9" } });
  expect(page.body).toContain("no es la dirección de Puente");
  expect(page.body).toContain(BASE_URL);
});

test("the genuine form still emails a link on the configured origin", async ({ mailbox }) => {
  const email = newEmail();
  const answer = await postSignInForm(email, { origin: BASE_URL });
  expect(answer.location).toBe("/signin/sent");
  const link = signInLinkIn(await mailbox.waitForEmail(email));
  expect(link.startsWith(`${BASE_URL}/api/auth/callback/email?`)).toBe(true);
});
