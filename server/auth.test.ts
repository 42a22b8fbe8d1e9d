// Sign-in by emailed link, through Auth.js's own handlers, a real SMTP server and a real database.
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, sessions, users, verificationTokens } from "@/db/schema";
import { sessionOfToken } from "./sessions";
import { setUpDatabase, setUpMailbox } from "../test-support/setup";

const handle = setUpDatabase();
const mailbox = setUpMailbox();
let auth: typeof import("./auth");

beforeAll(async () => {
  process.env.PUENTE_ADMIN_EMAILS = "boss@example.org, other@example.org";
  (globalThis as { puenteDatabase?: Promise<DatabaseHandle> }).puenteDatabase = Promise.resolve(handle);
  auth = await import("./auth");
});

const origin = "http://puente.test";

class Browser {
  cookies = new Map<string, string>();
  async request(path: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const method = init.method ?? "GET";
    const request = new NextRequest(new URL(path, origin), {
      method,
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
        "accept-language": "es-MX,es;q=0.9",
        ...(init.form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    const response = await (method === "GET" ? auth.handlers.GET(request) : auth.handlers.POST(request));
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const [name, ...value] = pair!.split("=");
      this.cookies.set(name!, value.join("="));
    }
    return response;
  }
  async askForLink(email: string) {
    const { csrfToken } = (await (await this.request("/api/auth/csrf")).json()) as { csrfToken: string };
    return this.request("/api/auth/signin/email", { method: "POST", form: { csrfToken, email } });
  }
}

function linkIn(text: string): string {
  const link = text.match(/https?:\/\/\S+\/api\/auth\/callback\/email\?\S+/)?.[0];
  if (!link) throw new Error(`no sign-in link in: ${text}`);
  return link;
}

describe("signing in by emailed link", () => {
  it("emails a link in the reader's language, storing only a hash of its token, valid 15 minutes", async () => {
    const before = Date.now();
    const response = await new Browser().askForLink("Ana@Example.org");
    expect(response.status).toBe(302);
    const email = await mailbox.waitFor("ana@example.org");
    expect(email.raw).toMatch(/Subject: .*Puente/);
    expect(email.text).toContain("Abre este enlace para entrar a Puente");
    const token = new URL(linkIn(email.text)).searchParams.get("token")!;
    const [stored] = await handle.db
      .select()
      .from(verificationTokens)
      .where(eq(verificationTokens.identifier, "ana@example.org"));
    expect(stored!.token).not.toBe(token);
    const lifetime = stored!.expires.getTime() - before;
    expect(lifetime).toBeGreaterThan(14 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(15 * 60_000 + 1000);
  });

  it("signs the person in once, with a 256-bit session token, and refuses the same link again", async () => {
    const browser = new Browser();
    await browser.askForLink("bea@example.org");
    const link = linkIn((await mailbox.waitFor("bea@example.org")).text);
    const first = await browser.request(link.replace(/^https?:\/\/[^/]+/, ""));
    expect(first.status).toBe(302);
    const [user] = await handle.db.select().from(users).where(eq(users.email, "bea@example.org"));
    const [session] = await handle.db.select().from(sessions).where(eq(sessions.userId, user!.id));
    expect(session!.sessionToken).toMatch(/^[0-9a-f]{64}$/);

    const again = await new Browser().request(link.replace(/^https?:\/\/[^/]+/, ""));
    expect(again.headers.get("location")).toContain("/signin/error");
    expect(await handle.db.select().from(sessions).where(eq(sessions.userId, user!.id))).toHaveLength(1);
  });

  it("refuses an expired link", async () => {
    const browser = new Browser();
    await browser.askForLink("late@example.org");
    const link = linkIn((await mailbox.waitFor("late@example.org")).text);
    await handle.db
      .update(verificationTokens)
      .set({ expires: new Date(Date.now() - 1000) })
      .where(eq(verificationTokens.identifier, "late@example.org"));
    const response = await browser.request(link.replace(/^https?:\/\/[^/]+/, ""));
    expect(response.headers.get("location")).toContain("/signin/error");
    expect(await handle.db.select().from(users).where(eq(users.email, "late@example.org"))).toHaveLength(0);
  });

  it("makes the people listed in PUENTE_ADMIN_EMAILS admins when they sign in, and audits it", async () => {
    const browser = new Browser();
    await browser.askForLink("boss@example.org");
    await browser.request(
      linkIn((await mailbox.waitFor("boss@example.org")).text).replace(/^https?:\/\/[^/]+/, ""),
    );
    const [boss] = await handle.db.select().from(users).where(eq(users.email, "boss@example.org"));
    expect(boss!.isAdmin).toBe(true);
    const events = await handle.db.select().from(auditEvents).where(eq(auditEvents.actorId, boss!.id));
    expect(events.map((e) => e.action).sort()).toEqual(["admin.grant", "auth.sign_in"]);
    expect(JSON.stringify(events)).not.toContain("boss@example.org");

    const [bea] = await handle.db.select().from(users).where(eq(users.email, "bea@example.org"));
    expect(bea!.isAdmin).toBe(false);
  });

  it("ends the session on the server when the person signs out", async () => {
    const browser = new Browser();
    await browser.askForLink("cleo@example.org");
    await browser.request(
      linkIn((await mailbox.waitFor("cleo@example.org")).text).replace(/^https?:\/\/[^/]+/, ""),
    );
    const [cleo] = await handle.db.select().from(users).where(eq(users.email, "cleo@example.org"));
    expect(await handle.db.select().from(sessions).where(eq(sessions.userId, cleo!.id))).toHaveLength(1);
    const { csrfToken } = (await (await browser.request("/api/auth/csrf")).json()) as { csrfToken: string };
    await browser.request("/api/auth/signout", { method: "POST", form: { csrfToken } });
    expect(await handle.db.select().from(sessions).where(eq(sessions.userId, cleo!.id))).toHaveLength(0);
  });

  it("reads a live session by one query, and leaves an expired one or one due for its extension to Auth.js", async () => {
    const [person] = await handle.db
      .insert(users)
      .values({ email: "quick@example.org", name: "Quick", isAdmin: true })
      .returning();
    const day = 86_400_000;
    const session = async (token: string, expiresIn: number) => {
      await handle.db
        .insert(sessions)
        .values({ sessionToken: token, userId: person!.id, expires: new Date(Date.now() + expiresIn) });
      return sessionOfToken(handle.db, token);
    };
    expect(await session("live", 29.5 * day)).toEqual({
      expires: expect.any(String),
      user: { id: person!.id, name: "Quick", isAdmin: true, timeZone: null },
    });
    expect(await session("due", 28.9 * day)).toBe("ask Auth.js");
    expect(await session("expired", -1000)).toBe("ask Auth.js");
    expect(await sessionOfToken(handle.db, "unknown")).toBeNull();
  });

  it("stops emailing links to one address after 10 in an hour from one client (server/sign-in-flood.test.ts: from others)", async () => {
    for (let i = 0; i < 11; i++) await new Browser().askForLink("flood@example.org");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mailbox.received.filter((e) => e.to.includes("flood@example.org"))).toHaveLength(10);
  });
});
