// The front server as the trust boundary for what a proxy says about the request (X-Forwarded-Proto,
// -Host, -Port, Forwarded), over real HTTP on the real database: a direct client's claims reach
// nothing, a trusted proxy's reach Next, and the session cookie and HSTS follow PUENTE_URL alone.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { createTestDatabase } from "../../test-support/database";
import { apiHandler } from "./api";
import { proxyTrust } from "./client-address";
import { frontHandler } from "./requests";

const DAY = 86_400_000;
const FORGED = {
  "x-forwarded-proto": "https",
  "x-forwarded-host": "puente.evil.example",
  "x-forwarded-port": "443",
  forwarded: "for=203.0.113.9;proto=https;host=puente.evil.example",
};

let handle: DatabaseHandle;
/** What Next was handed of the forwarding headers, per request. */
const seenByNext: Record<string, string | undefined>[] = [];
const servers: { close(): void }[] = [];

async function next(req: IncomingMessage, res: ServerResponse) {
  const header = (name: string) => req.headers[name] as string | undefined;
  seenByNext.push(Object.fromEntries(Object.keys(FORGED).map((name) => [name, header(name)])));
  // A status of its own, so a test sees which calls the front server left to Next (Auth.js).
  res.writeHead(299).end("next");
}

/** A front server on the test database, trusting proxies as `setting` says. */
async function frontServer(setting?: string): Promise<string> {
  const api = apiHandler(next, async () => handle.db);
  const server = createServer(frontHandler(next, api, proxyTrust(setting)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let people = 0;
/** A person with a live session; its token. */
async function sessionToken(): Promise<string> {
  const email = `forwarded-${++people}@example.org`;
  const [person] = await handle.db.insert(users).values({ email, name: "Rosa" }).returning();
  const token = `token-${email}`;
  await handle.db
    .insert(sessions)
    .values({ sessionToken: token, userId: person!.id, expires: new Date(Date.now() + 29.5 * DAY) });
  return token;
}

/** `me.profile` through the front server with `headers`: who the API took the caller for, and HSTS. */
async function profile(base: string, headers: Record<string, string>) {
  const response = await fetch(`${base}/api/trpc/me.profile`, { headers });
  const body = await response.text();
  return {
    status: response.status,
    signedIn: response.status === 200 && body.includes("forwarded-"),
    hsts: response.headers.get("strict-transport-security"),
  };
}

beforeAll(async () => {
  handle = await createTestDatabase();
});

afterEach(() => {
  vi.unstubAllEnvs();
});

afterAll(async () => {
  for (const server of servers) server.close();
  await handle.close();
});

describe("what a proxy says about the request", () => {
  it("reaches Next from no direct client (no proxy trusted, the default)", async () => {
    const base = await frontServer();
    seenByNext.length = 0;
    await (await fetch(`${base}/actions`, { headers: FORGED })).text();
    expect(seenByNext).toEqual([
      {
        "x-forwarded-proto": undefined,
        "x-forwarded-host": undefined,
        "x-forwarded-port": undefined,
        forwarded: undefined,
      },
    ]);
  });

  it("reaches Next from no client that is not the trusted proxy", async () => {
    // Only a proxy elsewhere is trusted: the test, on 127.0.0.1, is a direct client.
    const base = await frontServer("10.0.0.1");
    seenByNext.length = 0;
    await (await fetch(`${base}/actions`, { headers: FORGED })).text();
    expect(seenByNext[0]!["x-forwarded-proto"]).toBeUndefined();
    expect(seenByNext[0]!["x-forwarded-host"]).toBeUndefined();
  });

  for (const setting of ["loopback", "1"]) {
    it(`reaches Next from a trusted proxy (PUENTE_TRUSTED_PROXIES=${setting}), all but Forwarded`, async () => {
      const base = await frontServer(setting);
      seenByNext.length = 0;
      await (await fetch(`${base}/actions`, { headers: FORGED })).text();
      // Forwarded is never passed on: its `for=` would contradict the one address decided.
      expect(seenByNext).toEqual([{ ...FORGED, forwarded: undefined }]);
    });
  }
});

describe("the session cookie and HSTS, on a plain-HTTP deployment", () => {
  it("do not turn to HTTPS's for a direct client claiming X-Forwarded-Proto: https", async () => {
    vi.stubEnv("PUENTE_URL", "http://puente.example.org");
    const base = await frontServer();
    const token = await sessionToken();
    const forged = await profile(base, {
      "x-forwarded-proto": "https",
      cookie: `__Secure-authjs.session-token=${token}`,
    });
    // Auth.js, on an http:// origin, reads only the plain cookie: the API must not read another.
    expect(forged).toMatchObject({ signedIn: false, hsts: null });
    expect(await profile(base, { cookie: `authjs.session-token=${token}` })).toMatchObject({
      signedIn: true,
      hsts: null,
    });
  });

  it("do not turn to HTTPS's even when a trusted proxy says https: PUENTE_URL decides", async () => {
    vi.stubEnv("PUENTE_URL", "http://puente.example.org");
    const base = await frontServer("loopback");
    const token = await sessionToken();
    const secure = await profile(base, {
      "x-forwarded-proto": "https",
      cookie: `__Secure-authjs.session-token=${token}`,
    });
    expect(secure).toMatchObject({ signedIn: false, hsts: null });
  });
});

describe("the session cookie and HSTS, on an HTTPS deployment", () => {
  it("stay HTTPS's for a direct client claiming X-Forwarded-Proto: http", async () => {
    vi.stubEnv("PUENTE_URL", "https://puente.example.org");
    const base = await frontServer();
    const token = await sessionToken();
    // A plain cookie can be planted from a sibling host or a plain-HTTP hop; Auth.js ignores it here.
    const planted = await profile(base, {
      "x-forwarded-proto": "http",
      cookie: `authjs.session-token=${token}`,
    });
    expect(planted.signedIn).toBe(false);
    expect(planted.hsts).toContain("max-age=31536000");
  });

  it("are HTTPS's behind a TLS proxy that says nothing, as Auth.js names the cookie", async () => {
    vi.stubEnv("PUENTE_URL", "https://puente.example.org");
    const base = await frontServer();
    const token = await sessionToken();
    const secure = await profile(base, { cookie: `__Secure-authjs.session-token=${token}` });
    expect(secure).toMatchObject({ status: 200, signedIn: true });
    expect(secure.hsts).toContain("max-age=31536000");
  });
});
