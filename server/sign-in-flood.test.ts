// Someone floods a person's email address with sign-in links, as an attacker would, through
// Auth.js's own endpoint and Puente's forms, on a real database and a real SMTP server: the person
// still signs in from their own device, no inbox gets more than its cap, and the log names no one.
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { DomainError } from "./errors";
import {
  clientKeyOf,
  SIGN_IN_LINKS_SENT,
  SIGN_IN_LINKS_TO_ONE_EMAIL,
  SIGN_IN_PER_EMAIL,
} from "./rate-limits";
import { consumeSignInRequest } from "./sign-in-limits";
import { setUpDatabase, setUpMailbox } from "../test-support/setup";

const handle = setUpDatabase();
const mailbox = setUpMailbox();
let auth: typeof import("./auth");

beforeAll(async () => {
  (globalThis as { puenteDatabase?: Promise<DatabaseHandle> }).puenteDatabase = Promise.resolve(handle);
  auth = await import("./auth");
});

/** Asks Auth.js for a link to `email`, from `address` as the front server passes it on. */
async function askForLink(email: string, address: string) {
  const request = (
    path: string,
    init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ) =>
    new NextRequest(new URL(path, "http://puente.test"), {
      ...init,
      headers: { "x-forwarded-for": address, ...init.headers },
    });
  const csrf = await auth.handlers.GET(request("/api/auth/csrf"));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return auth.handlers.POST(
    request("/api/auth/signin/email", {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, email }).toString(),
    }),
  );
}

/** How many emails `email` has received, once no more are arriving. */
async function inbox(email: string): Promise<number> {
  const countNow = () => mailbox.received.filter((e) => e.to.includes(email)).length;
  let last = -1;
  while (countNow() !== last) {
    last = countNow();
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return last;
}

describe("a flood of sign-in links for someone else's email address", () => {
  it("still emails the owner a link from their own device, and logs the flood once, by hashes", async () => {
    const logged = vi.spyOn(console, "error");
    try {
      for (let i = 0; i < 30; i++) await askForLink("victim@example.org", "203.0.113.66");
      expect(await inbox("victim@example.org")).toBe(SIGN_IN_LINKS_SENT.points);

      await askForLink("victim@example.org", "198.51.100.7");
      expect(await inbox("victim@example.org")).toBe(SIGN_IN_LINKS_SENT.points + 1);

      const lines = logged.mock.calls
        .map((call) => String(call[0]))
        .filter((line) => line.includes("sign-in"));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/refused/);
      expect(lines[0]).toMatch(/"email":"[0-9a-f]{12}","client":"[0-9a-f]{12}"/);
      for (const clear of ["victim", "example.org", "203.0.113.66"]) expect(lines[0]).not.toContain(clear);
    } finally {
      logged.mockRestore();
    }
  });

  it("emails one address at most 100 links an hour, however many clients ask", async () => {
    const clients = Math.ceil(SIGN_IN_LINKS_TO_ONE_EMAIL.points / SIGN_IN_LINKS_SENT.points) + 2;
    for (let c = 0; c < clients; c++) {
      for (let i = 0; i < SIGN_IN_LINKS_SENT.points; i++)
        await askForLink("much@example.org", `192.0.2.${c}`);
    }
    expect(await inbox("much@example.org")).toBe(SIGN_IN_LINKS_TO_ONE_EMAIL.points);
  });
});

describe("the sign-in forms' limits", () => {
  it("refuse the flooding client past five requests in 15 minutes, and not the owner", async () => {
    const flooder = clientKeyOf("203.0.113.80");
    const refusals: string[] = [];
    for (let i = 0; i < 20; i++) {
      await consumeSignInRequest(handle.db, "owner@example.org", flooder).catch((error: unknown) => {
        if (!(error instanceof DomainError)) throw error;
        refusals.push(error.code);
      });
    }
    expect(refusals).toHaveLength(20 - SIGN_IN_PER_EMAIL.points);
    expect(new Set(refusals)).toEqual(new Set(["TOO_MANY_REQUESTS"]));
    await expect(
      consumeSignInRequest(handle.db, "Owner@Example.org", clientKeyOf("198.51.100.8")),
    ).resolves.toBeUndefined();
  });
});
