// The API as the front server answers it, over real HTTP on the real database: the same answers,
// languages and headers as Next's route, and the calls only Auth.js may handle sent on to Next.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { createTestDatabase } from "../testing/database";
import { apiHandler, MAX_BODY_BYTES } from "./api";

const DAY = 86_400_000;

let handle: DatabaseHandle;
let base: string;
let close: () => Promise<unknown>;
/** What reached "Next": the calls the front server left to it. */
const toNext: string[] = [];
let database: () => Promise<Database>;

beforeAll(async () => {
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
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
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

  it("over HTTPS reads only the __Secure- cookie, as Auth.js does", async () => {
    const lia = await personWithSession("lia@example.org");
    const https = { "x-forwarded-proto": "https" };
    const planted = await call("me.profile", { ...https, cookie: `authjs.session-token=${lia.token}` });
    expect(planted.status).toBe(401);
    const secure = await call("me.profile", {
      ...https,
      cookie: `__Secure-authjs.session-token=${lia.token}`,
    });
    expect(secure.status).toBe(200);
    expect(secure.headers.get("strict-transport-security")).toContain("max-age=31536000");
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
