// The front server as the trust boundary for the client's address, over real HTTP on the real
// database: a forged X-Forwarded-For or X-Real-IP multiplies no limit, and only a configured
// proxy is believed about who is behind it.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { STORY_SUBMISSIONS } from "../rate-limits";
import { createTestDatabase } from "../../test-support/database";
import { apiHandler } from "./api";
import { proxyTrust } from "./client-address";
import { frontHandler } from "./requests";

let handle: DatabaseHandle;
/** The forwarding headers Next was handed, per request. */
const seenByNext: { forwardedFor?: string; realIp?: string }[] = [];
const servers: { close(): void }[] = [];

async function next(req: IncomingMessage, res: ServerResponse) {
  seenByNext.push({
    forwardedFor: req.headers["x-forwarded-for"] as string | undefined,
    realIp: req.headers["x-real-ip"] as string | undefined,
  });
  res.writeHead(200).end("next");
}

/** A front server on the test database, trusting proxies as `setting` says. */
async function frontServer(setting?: string): Promise<string> {
  const api = apiHandler(next, async () => handle.db);
  const server = createServer(frontHandler(next, api, proxyTrust(setting)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  handle = await createTestDatabase();
});

afterAll(async () => {
  for (const server of servers) server.close();
  await handle.close();
});

let stories = 0;
/** Submits a story through the API with `headers`; the HTTP status. */
async function submitStory(base: string, headers: Record<string, string>): Promise<number> {
  const response = await fetch(`${base}/api/trpc/stories.submit`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({
      json: { pseudonym: "Ana", country: "HN", textEs: `Historia ${++stories}`, consent: true },
    }),
  });
  await response.arrayBuffer();
  return response.status;
}

function tally(statuses: number[]) {
  return {
    accepted: statuses.filter((status) => status === 200).length,
    refused: statuses.filter((status) => status === 429).length,
  };
}

const rotated = (n: number) => `10.${(n >> 8) & 255}.${n & 255}.${(n * 7) & 255}`;

describe("the client's address, with no proxy trusted (the default)", () => {
  it("counts 200 story submissions with rotated X-Forwarded-For and X-Real-IP against the socket's one limit", async () => {
    const base = await frontServer();
    const statuses: number[] = [];
    for (let n = 0; n < 200; n++) {
      statuses.push(await submitStory(base, { "x-forwarded-for": rotated(n), "x-real-ip": rotated(n + 1) }));
    }
    expect(tally(statuses)).toEqual({
      accepted: STORY_SUBMISSIONS.points,
      refused: 200 - STORY_SUBMISSIONS.points,
    });
  });

  it("hands Next the socket's address alone, whatever the client claims", async () => {
    const base = await frontServer();
    seenByNext.length = 0;
    await (
      await fetch(`${base}/actions`, {
        headers: { "x-forwarded-for": "203.0.113.9", "x-real-ip": "203.0.113.10" },
      })
    ).text();
    await (await fetch(`${base}/actions`)).text();
    expect(seenByNext).toEqual([
      { forwardedFor: "127.0.0.1", realIp: undefined },
      { forwardedFor: "127.0.0.1", realIp: undefined },
    ]);
  });
});

describe("the client's address behind a trusted proxy", () => {
  // Here the test itself, on 127.0.0.1, plays the proxy that appends the client's address.
  for (const setting of ["loopback", "127.0.0.1/32", "1"]) {
    it(`believes only the hop the proxy added (PUENTE_TRUSTED_PROXIES=${setting})`, async () => {
      const base = await frontServer(setting);
      seenByNext.length = 0;
      await (
        await fetch(`${base}/actions`, { headers: { "x-forwarded-for": "6.6.6.6, 198.51.100.4" } })
      ).text();
      expect(seenByNext).toEqual([{ forwardedFor: "198.51.100.4", realIp: undefined }]);
    });
  }

  it("gives each client behind the proxy its own limit, which forged hops in front do not multiply", async () => {
    const base = await frontServer("loopback");
    const fromOne: number[] = [];
    for (let n = 0; n < 40; n++) {
      // What a client sends is kept by the proxy, which appends the address it saw.
      fromOne.push(await submitStory(base, { "x-forwarded-for": `${rotated(n)}, 198.51.100.20` }));
    }
    expect(tally(fromOne).accepted).toBe(STORY_SUBMISSIONS.points);
    expect(await submitStory(base, { "x-forwarded-for": "198.51.100.21" })).toBe(200);
  });

  it("counts an IPv6 client as its /64 network, so rotating the rest of the address gains nothing", async () => {
    const base = await frontServer("loopback");
    const statuses: number[] = [];
    for (let n = 0; n < 20; n++) {
      statuses.push(await submitStory(base, { "x-forwarded-for": `2001:db8:5:6:${n.toString(16)}::1` }));
    }
    expect(tally(statuses).accepted).toBe(STORY_SUBMISSIONS.points);
    expect(await submitStory(base, { "x-forwarded-for": "2001:db8:5:7::1" })).toBe(200);
  });
});

describe("PUENTE_TRUSTED_PROXIES", () => {
  it("refuses a value that is neither a hop count nor addresses", () => {
    expect(() => proxyTrust("nginx.internal")).toThrow(/PUENTE_TRUSTED_PROXIES/);
    expect(() => proxyTrust("10.0.0.0/99")).toThrow(/PUENTE_TRUSTED_PROXIES/);
  });
});
