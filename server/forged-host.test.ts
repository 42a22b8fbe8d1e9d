// A forged host, as an attacker sends it: every absolute URL Puente emails or returns (sign-in links,
// invitations, story withdrawal links, calendar feeds) is on the configured origin, never on a host
// named by `Host`, `X-Forwarded-Host` or `Origin`. Auth.js's own endpoint through its handlers; the
// API through the caller, with the context its request headers make. The /signin form, a server
// action, is posted over HTTP to a production build in e2e/forged-host.spec.ts.
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { requestContext } from "./request-context";
import { createCaller } from "./root";
import { makeGroup, makeUser, addMember } from "../test-support/factories";
import { setUpDatabase, setUpMailbox } from "../test-support/setup";

const handle = setUpDatabase();
const mailbox = setUpMailbox();
let auth: typeof import("./auth");

beforeAll(async () => {
  // Six stories from one address here; the limits themselves are tested elsewhere.
  process.env.PUENTE_RATE_LIMIT_SCALE = "10";
  (globalThis as { puenteDatabase?: Promise<DatabaseHandle> }).puenteDatabase = Promise.resolve(handle);
  auth = await import("./auth");
});
afterAll(async () => {
  delete process.env.PUENTE_RATE_LIMIT_SCALE;
});
afterEach(() => {
  delete process.env.PUENTE_URL;
  delete process.env.PORT;
});

const EVIL = "evil.example";
const CONFIGURED = "https://puente.example.org";

/** Each way a request can name another host, as the request's URL and headers. */
const forgeries = {
  Host: { url: `http://${EVIL}`, headers: { host: EVIL } },
  "X-Forwarded-Host": {
    url: "http://localhost:3217",
    headers: { host: "localhost:3217", "x-forwarded-host": EVIL, "x-forwarded-proto": "https" },
  },
  Origin: { url: "http://localhost:3217", headers: { host: "localhost:3217", origin: `https://${EVIL}` } },
};

/** Without PUENTE_URL (a first start on a laptop, port 3217), and with it. */
const configurations = {
  "the default origin": { env: { PORT: "3217" }, origin: "http://localhost:3217" },
  PUENTE_URL: { env: { PUENTE_URL: `${CONFIGURED}/` }, origin: CONFIGURED },
};

let counter = 0;
const freshEmail = () => `forged-${Date.now()}-${counter++}@example.org`;

/** Every http(s) URL in a text. */
const urlsIn = (text: string) => text.match(/https?:\/\/[^\s)>\]]+/g) ?? [];

/** Nothing arrived within a moment, or what arrived links only to `origin`. */
async function expectOnlyLinksTo(email: string, origin: string) {
  const arrived = await mailbox.waitFor(email, 1_500).catch(() => null);
  if (!arrived) return null;
  expect(arrived.text).not.toContain(EVIL);
  for (const url of urlsIn(arrived.text)) expect(url.startsWith(`${origin}/`)).toBe(true);
  return arrived;
}

class Attacker {
  cookies = new Map<string, string>();
  constructor(private readonly forgery: { url: string; headers: Record<string, string> }) {}
  async request(path: string, form?: Record<string, string>) {
    const request = new NextRequest(new URL(path, this.forgery.url), {
      method: form ? "POST" : "GET",
      headers: {
        ...this.forgery.headers,
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    const response = await (form ? auth.handlers.POST(request) : auth.handlers.GET(request));
    for (const cookie of response.headers.getSetCookie()) {
      const [name, ...value] = cookie.split(";")[0]!.split("=");
      this.cookies.set(name!, value.join("="));
    }
    return response;
  }
  async askForLink(email: string) {
    const { csrfToken } = (await (await this.request("/api/auth/csrf")).json()) as { csrfToken: string };
    return this.request("/api/auth/signin/email", { csrfToken, email });
  }
}

/** The API as `actor` sees it, with the context a request with these headers makes. */
function apiFrom(headers: Record<string, string>, actor: { id: string; isAdmin: boolean } | null) {
  const lowered = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return createCaller(
    requestContext(handle.db, actor && { id: actor.id, isAdmin: actor.isAdmin }, {
      get: (name) => lowered.get(name.toLowerCase()) ?? null,
    }),
  );
}

for (const [configuration, { env, origin }] of Object.entries(configurations)) {
  describe(`with ${configuration}`, () => {
    for (const [name, forgery] of Object.entries(forgeries)) {
      describe(`a forged ${name}`, () => {
        it("gets no sign-in link to another host from Auth.js's endpoint", async () => {
          Object.assign(process.env, env);
          const email = freshEmail();
          const response = await new Attacker(forgery).askForLink(email);
          expect(response.headers.get("location") ?? "").not.toContain(EVIL);
          const arrived = await expectOnlyLinksTo(email, origin);
          // Without a configured address, a request naming another host gets no link at all.
          if (configuration === "the default origin") expect(arrived).toBeNull();
        });

        it("gets an invitation link on the configured origin only", async () => {
          Object.assign(process.env, env);
          const group = await makeGroup(handle.db);
          const coordinator = await makeUser(handle.db);
          await addMember(handle.db, group.id, coordinator.id, "coordinator");
          const email = freshEmail();
          await apiFrom(forgery.headers, coordinator).groups.invite({ groupId: group.id, email });
          const arrived = await expectOnlyLinksTo(email, origin);
          expect(arrived?.text).toContain(`${origin}/invitations/`);
        });

        it("gets a story withdrawal link, on screen and by email, on the configured origin only", async () => {
          Object.assign(process.env, env);
          const email = freshEmail();
          const { link } = await apiFrom(forgery.headers, null).stories.submit({
            pseudonym: "Marta",
            country: "HN",
            textEs: "Salimos de San Pedro Sula en octubre.",
            consent: true,
            email,
          });
          expect(link.startsWith(`${origin}/stories/withdraw/`)).toBe(true);
          const arrived = await expectOnlyLinksTo(email, origin);
          expect(arrived?.text).toContain(link);
        });

        it("gets a calendar feed on the configured origin only", async () => {
          Object.assign(process.env, env);
          const person = await makeUser(handle.db);
          const { url } = await apiFrom(forgery.headers, person).actions.createCalendarFeed();
          expect(url.startsWith(`${origin}/calendar/`)).toBe(true);
        });
      });
    }
  });
}

describe("a genuine request", () => {
  it("gets its sign-in link on the default origin", async () => {
    process.env.PORT = "3217";
    const email = freshEmail();
    const genuine = { url: "http://localhost:3217", headers: { host: "localhost:3217" } };
    await new Attacker(genuine).askForLink(email);
    const arrived = await mailbox.waitFor(email);
    expect(urlsIn(arrived.text)[0]).toMatch(/^http:\/\/localhost:3217\/api\/auth\/callback\/email\?/);
  });

  it("gets its sign-in link on PUENTE_URL, whatever address the proxy forwards it to", async () => {
    process.env.PUENTE_URL = CONFIGURED;
    const email = freshEmail();
    const proxied = {
      url: "http://127.0.0.1:3000",
      headers: { host: "127.0.0.1:3000", "x-forwarded-host": "puente.example.org" },
    };
    await new Attacker(proxied).askForLink(email);
    const arrived = await mailbox.waitFor(email);
    expect(urlsIn(arrived.text)[0]).toMatch(/^https:\/\/puente\.example\.org\/api\/auth\/callback\/email\?/);
  });
});
