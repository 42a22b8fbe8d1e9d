// The API as the front server answers it, over real HTTP on the real database: the same answers,
// languages and headers as Next's route, and the calls only Auth.js may handle sent on to Next.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database, DatabaseHandle } from "@/db/client";
import { calendarFeeds, sessions, users } from "@/db/schema";
import { MAX_BATCH, MAX_URL_LENGTH } from "../api-limits";
import { createTestDatabase } from "../../test-support/database";
import { apiHandler, MAX_BODY_BYTES } from "./api";
import { API_CONTENT_SECURITY_POLICY } from "./security-headers";

const DAY = 86_400_000;

let handle: DatabaseHandle;
let base: string;
let close: () => Promise<unknown>;
/** What reached "Next": the calls the front server left to it. */
const toNext: string[] = [];
let database: () => Promise<Database>;

/** Where Puente is configured to be reached (server/origin.ts): the only Origin allowed to write. */
const OWN = "http://puente.example.org";

beforeAll(async () => {
  vi.stubEnv("PUENTE_URL", OWN);
  handle = await createTestDatabase();
  database = async () => handle.db;
  const next = (req: IncomingMessage, res: ServerResponse) => {
    toNext.push(req.url!);
    res.writeHead(299).end("next");
  };
  const api = apiHandler(next, () => database());
  const server = createServer((req, res) => void api(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => server.close(resolve));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await close();
  await handle.close();
});

async function personWithSession(email: string, expiresIn = 29.5 * DAY, isAdmin = false) {
  const [person] = await handle.db.insert(users).values({ email, name: "Rosa", isAdmin }).returning();
  const token = `token-${email}`;
  await handle.db
    .insert(sessions)
    .values({ sessionToken: token, userId: person!.id, expires: new Date(Date.now() + expiresIn) });
  return { id: person!.id, token };
}

function call(path: string, headers: Record<string, string> = {}) {
  return fetch(`${base}/api/trpc/${path}`, { headers });
}

describe("the API on the front server", () => {
  it("answers a signed-out reader's query, never cached, with the security headers", async () => {
    const response = await call("actions.list?input=" + encodeURIComponent(JSON.stringify({ json: {} })));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: { data: { json: unknown } } };
    expect(body.result.data.json).toBeDefined();
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    // The one API policy, as proxy.ts sends it on Next's route: no script, so no nonce.
    expect(response.headers.get("content-security-policy")).toBe(API_CONTENT_SECURITY_POLICY);
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("content-security-policy")).not.toContain("nonce");
    expect(response.headers.get("strict-transport-security")).toBeNull();
    expect(toNext).toEqual([]);
  });

  it("knows a signed-in person by their session cookie, and refuses in the reader's language without one", async () => {
    const rosa = await personWithSession("rosa@example.org");
    const mine = await call("me.profile", { cookie: `authjs.session-token=${rosa.token}` });
    expect(mine.status).toBe(200);
    const profile = (await mine.json()) as { result: { data: { json: { id: string; email: string } } } };
    expect(profile.result.data.json).toMatchObject({ id: rosa.id, email: "rosa@example.org" });

    for (const [cookie, language, message] of [
      ["", "es-MX,es;q=0.9", "Primero tienes que entrar."],
      ["authjs.session-token=forged", "en-US", "Please sign in first."],
      ["NEXT_LOCALE=en; authjs.session-token=forged", "es", "Please sign in first."],
    ] as const) {
      const refused = await call("me.profile", { cookie, "accept-language": language });
      expect(refused.status, cookie).toBe(401);
      const error = (await refused.json()) as { error: { json: { message: string } } };
      expect(error.error.json.message, cookie).toBe(message);
    }
  });

  it("over HTTPS (PUENTE_URL's scheme) reads only the __Secure- cookie, as Auth.js does", async () => {
    vi.stubEnv("PUENTE_URL", "https://puente.example.org");
    try {
      const lia = await personWithSession("lia@example.org");
      const planted = await call("me.profile", { cookie: `authjs.session-token=${lia.token}` });
      expect(planted.status).toBe(401);
      const secure = await call("me.profile", { cookie: `__Secure-authjs.session-token=${lia.token}` });
      expect(secure.status).toBe(200);
      expect(secure.headers.get("strict-transport-security")).toContain("max-age=31536000");
    } finally {
      vi.stubEnv("PUENTE_URL", OWN);
    }
  });

  it("leaves to Next (Auth.js) a session that has expired or is due for its daily extension", async () => {
    toNext.length = 0;
    const due = await personWithSession("due@example.org", 28.9 * DAY);
    const expired = await personWithSession("expired@example.org", -1000);
    for (const { token } of [due, expired]) {
      const response = await call("me.profile", { cookie: `authjs.session-token=${token}` });
      expect(response.status).toBe(299);
    }
    // A secure cookie sent over plain HTTP is Auth.js's to judge too.
    await call("me.profile", { cookie: `__Secure-authjs.session-token=${due.token}` });
    expect(toNext).toEqual(["/api/trpc/me.profile", "/api/trpc/me.profile", "/api/trpc/me.profile"]);
  });

  it("refuses a call body larger than any input, without reading it all", async () => {
    const response = await fetch(`${base}/api/trpc/stories.submit`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: { textEs: "x".repeat(2 * MAX_BODY_BYTES) } }),
    });
    expect(response.status).toBe(413);
  });

  it("answers tRPC's own error, not a hang or a crash, when the database cannot be reached", async () => {
    database = async () => {
      throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
    };
    try {
      const response = await call("me.profile", { cookie: "authjs.session-token=whatever" });
      expect(response.status).toBe(500);
      const error = (await response.json()) as { error: { json: { message: string } } };
      expect(error.error.json.message).not.toContain("ECONNREFUSED");
    } finally {
      database = async () => handle.db;
    }
  });
});

/** The three bodies an HTML form on any site can send, each as a fresh `fetch` body. */
const FORM_BODIES: [kind: string, body: () => BodyInit][] = [
  [
    "multipart/form-data",
    () => {
      const form = new FormData();
      form.set("confirm", "yes");
      return form;
    },
  ],
  ["application/x-www-form-urlencoded", () => new URLSearchParams({ confirm: "yes" })],
  ["text/plain", () => "confirm=yes"],
];

/** What the attacker wants done with the victim's cookie. */
const WRITES = ["me.deleteAccount", "me.signOutEverywhere", "actions.createCalendarFeed"];

function post(path: string, headers: Record<string, string>, body: BodyInit) {
  return fetch(`${base}/api/trpc/${path}`, { method: "POST", headers, body });
}

async function stillThere(person: { id: string; token: string }) {
  const [user] = await handle.db.select({ id: users.id }).from(users).where(eq(users.id, person.id));
  const [session] = await handle.db
    .select({ token: sessions.sessionToken })
    .from(sessions)
    .where(eq(sessions.sessionToken, person.token));
  const feeds = await handle.db
    .select({ userId: calendarFeeds.userId })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.userId, person.id));
  return { account: Boolean(user), session: Boolean(session), calendarFeed: feeds.length > 0 };
}

describe("writes from other sites", () => {
  it("a form on another site, carrying the victim's cookie, deletes nothing, signs nobody out and makes no calendar feed", async () => {
    const victim = await personWithSession("victim@example.org");
    const cookie = `authjs.session-token=${victim.token}`;
    for (const [kind, body] of FORM_BODIES) {
      for (const path of WRITES) {
        const response = await post(path, { cookie, origin: "http://evil.example" }, body());
        expect(response.status, `${kind} ${path}`).toBe(403);
        expect(response.headers.get("x-frame-options")).toBe("DENY");
        expect(response.headers.get("cache-control")).toBe("no-store");
      }
    }
    expect(await stillThere(victim)).toEqual({ account: true, session: true, calendarFeed: false });
  });

  it("refuses a form's body even from a browser that sends no Origin", async () => {
    const victim = await personWithSession("old-browser@example.org");
    const cookie = `authjs.session-token=${victim.token}`;
    for (const [kind, body] of FORM_BODIES) {
      for (const path of WRITES) {
        const response = await post(path, { cookie }, body());
        expect(response.status, `${kind} ${path}`).toBe(415);
      }
    }
    expect(await stillThere(victim)).toEqual({ account: true, session: true, calendarFeed: false });
  });

  it("refuses a JSON write from another site, an opaque origin or a request marked cross-site, in the reader's language", async () => {
    const victim = await personWithSession("json-victim@example.org");
    const json = { "content-type": "application/json", cookie: `authjs.session-token=${victim.token}` };
    const froms: Record<string, string>[] = [
      { origin: "http://evil.example" },
      { origin: "null" },
      { origin: "https://puente.example.org" },
      { origin: "http://puente.example.org.evil.example" },
      { origin: "http://puente.example.org:8443" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
      { origin: "http://evil.example", "sec-fetch-site": "same-origin" },
    ];
    for (const from of froms) {
      for (const path of WRITES) {
        const response = await post(path, { ...json, ...from, "accept-language": "es" }, "{}");
        expect(response.status, `${JSON.stringify(from)} ${path}`).toBe(403);
        const error = (await response.json()) as { error: { json: { message: string } } };
        expect(error.error.json.message).toBe("Esta petición no viene de las páginas de Puente.");
      }
    }
    expect(await stillThere(victim)).toEqual({ account: true, session: true, calendarFeed: false });
  });

  it("lets Puente's own pages write (its Origin, or Sec-Fetch-Site: same-origin), and a client that is no browser", async () => {
    const rosa = await personWithSession("own-pages@example.org");
    const json = { "content-type": "application/json", cookie: `authjs.session-token=${rosa.token}` };
    const feed = await post("actions.createCalendarFeed", { ...json, origin: OWN }, "{}");
    expect(feed.status).toBe(200);
    expect(await stillThere(rosa)).toMatchObject({ calendarFeed: true });
    // No Origin and no Sec-Fetch-Site: not a browser, so not riding anyone's cookie.
    const revoked = await post("actions.revokeCalendarFeed", json, "{}");
    expect(revoked.status).toBe(200);
    const out = await post("me.signOutEverywhere", { ...json, "sec-fetch-site": "same-origin" }, "{}");
    expect(out.status).toBe(200);
    expect(await stillThere(rosa)).toEqual({ account: true, session: false, calendarFeed: false });
  });
});

describe("batches", () => {
  const directory = "groups.directory";
  const batchOf = (n: number, separator = ",") => {
    const inputs = Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { json: {} }]));
    return `${Array(n).fill(directory).join(separator)}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`;
  };

  it("answers a batch as large as Puente's own client sends", async () => {
    const response = await call(batchOf(MAX_BATCH));
    expect(response.status).toBe(200);
    expect(((await response.json()) as unknown[]).length).toBe(MAX_BATCH);
  });

  it("refuses one procedure more, however the commas are written, before touching the database", async () => {
    let opened = 0;
    database = async () => {
      opened++;
      return handle.db;
    };
    try {
      const thousand = `${Array(1000).fill("x").join(",")}?batch=1`;
      for (const path of [batchOf(MAX_BATCH + 1), batchOf(MAX_BATCH + 1, "%2C"), thousand]) {
        const response = await call(path, { "accept-language": "en" });
        expect(response.status, path.slice(0, 40)).toBe(400);
        const error = (await response.json()) as { error: { json: { message: string } } };
        expect(error.error.json.message).toBe(`Ask for at most ${MAX_BATCH} things at once.`);
      }
      expect(opened).toBe(0);
    } finally {
      database = async () => handle.db;
    }
  });

  it("refuses an address longer than any Puente sends, before touching the database", async () => {
    let opened = 0;
    database = async () => {
      opened++;
      return handle.db;
    };
    try {
      const input = encodeURIComponent(JSON.stringify({ json: { q: "x".repeat(MAX_URL_LENGTH) } }));
      const long = await call(`actions.list?input=${input}`);
      expect(long.status).toBe(414);
      // The attack as it was seen: a thousand procedures in one 14 KB address.
      const batch = await call(`${Array(1000).fill("actions.list").join(",")}?batch=1`);
      expect(batch.status).toBe(414);
      expect(opened).toBe(0);
    } finally {
      database = async () => handle.db;
    }
  });
});
