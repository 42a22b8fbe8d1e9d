// Signing in with a texted code, against a real SMSC in this process (test-support/smpp-server.ts)
// and the real database: a delegate with no email gets an account by phone, a person with a verified
// number signs into theirs, and the code keeps the emailed link's rules (single use, 10 minutes,
// 5 tries, limits per number and per address), as an attacker would test them.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, messageDeliveries, phoneNumbers, phoneSignInCodes, sessions, users } from "@/db/schema";
import { runDueJobs } from "../jobs/worker";
import { sweepRetention } from "../retention/retention";
import { sessionOfToken } from "../sessions";
import { createTestDatabase } from "../../test-support/database";
import { addMember, callerFor, makeGroup, makeUser } from "../../test-support/factories";
import { captureOutput } from "../../test-support/output";
import { startSmsc, type TestSmsc } from "../../test-support/smpp-server";
import { requestSignInCode, signInWithCode } from "./sign-in";
import { startSms, stopSms } from "./sms";

let handle: DatabaseHandle;
let smsc: TestSmsc;
beforeAll(async () => {
  handle = await createTestDatabase();
  smsc = await startSmsc();
  process.env.SMS_URL = smsc.url;
  process.env.SMS_RATE = "0";
  process.env.SMTP_URL = "";
  startSms(handle.db);
  await smsc.waitForBind();
});
afterAll(async () => {
  await stopSms();
  await smsc.close();
  await handle.close();
  delete process.env.SMS_URL;
  delete process.env.SMS_RATE;
});

let numbers = 0;
/** A new valid Mexican mobile number (Tijuana, 664), different each time. */
const newNumber = () => `+52664${String(5_000_000 + ++numbers * 7919).padStart(7, "0")}`;
let addresses = 0;
const newAddress = () => `client-${Date.now()}-${++addresses}`;

const waitFor = async (ok: () => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** The code texted to `e164` most recently, once it has arrived. */
async function codeTo(e164: string, count = 1): Promise<string> {
  await waitFor(() => smsc.textsTo(e164).length >= count);
  return /\b(\d{6})\b/.exec(smsc.textsTo(e164).at(-1)!)?.[1] ?? "";
}

const wrongFor = (code: string) => (code === "000000" ? "111111" : "000000");

describe("signing in by phone", () => {
  it("makes a delegate with no email an account with their proven number, and a session", async () => {
    const e164 = newNumber();
    // Typed as people do: national, with spaces.
    const typed = `664 ${e164.slice(6, 9)} ${e164.slice(9)}`;
    const { ticket, number } = await requestSignInCode(handle.db, typed, newAddress(), "es");
    expect(number).toContain("+52 664");
    const code = await codeTo(e164);
    expect(smsc.textsTo(e164).at(-1)).toMatch(
      /^Puente: tu código para entrar es \d{6}\. Vence en 10 minutos/,
    );
    const [stored] = await handle.db.select().from(phoneSignInCodes).where(eq(phoneSignInCodes.e164, e164));
    expect(stored!.codeHash).not.toContain(code);

    const session = await signInWithCode(handle.db, ticket, code, "es");
    expect(session.newAccount).toBe(true);
    const found = await sessionOfToken(handle.db, session.sessionToken);
    expect(found).toMatchObject({ user: { name: null, isAdmin: false } });
    const userId = (found as { user: { id: string } }).user.id;
    const [person] = await handle.db.select().from(users).where(eq(users.id, userId));
    expect(person).toMatchObject({ email: null, preferredLanguage: "es", isAdmin: false });
    const [phone] = await handle.db.select().from(phoneNumbers).where(eq(phoneNumbers.userId, userId));
    // Texts are the only way to reach them: every message comes by SMS.
    expect(phone).toMatchObject({ e164, smsMessages: "all", optedOutAt: null });
    expect(session.sessionToken).toMatch(/^[0-9a-f]{64}$/);

    // Signed in, they use Puente like anyone: their own page, with no email in it.
    const me = await callerFor(handle.db, { id: userId, isAdmin: false }).me.profile();
    expect(me.email).toBeNull();
    const actions = await handle.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.actorId, userId));
    expect(actions.map((a) => a.action).sort()).toEqual(["auth.account_by_phone", "auth.sign_in"]);
  });

  it("signs a person with a verified number into their own account, in their language", async () => {
    const person = await makeUser(handle.db, { preferredLanguage: "en" });
    const e164 = newNumber();
    await handle.db.insert(phoneNumbers).values({ userId: person.id, e164, smsMessages: "urgent" });
    // The page was Spanish; the text is in the language the person chose.
    const { ticket } = await requestSignInCode(handle.db, e164, newAddress(), "es");
    const code = await codeTo(e164);
    expect(smsc.textsTo(e164).at(-1)).toMatch(/^Puente: your sign-in code is \d{6}\./);
    const session = await signInWithCode(handle.db, ticket, code, "es");
    expect(session.newAccount).toBe(false);
    expect(await sessionOfToken(handle.db, session.sessionToken)).toMatchObject({ user: { id: person.id } });
    const [phone] = await handle.db.select().from(phoneNumbers).where(eq(phoneNumbers.userId, person.id));
    expect(phone!.smsMessages).toBe("urgent");
  });

  it("answers the same for a number with an account and one without: nobody learns whose it is", async () => {
    const owner = await makeUser(handle.db);
    const known = newNumber();
    await handle.db.insert(phoneNumbers).values({ userId: owner.id, e164: known });
    const unknown = newNumber();
    const a = await requestSignInCode(handle.db, known, newAddress(), "es");
    const b = await requestSignInCode(handle.db, unknown, newAddress(), "es");
    expect(Object.keys(a)).toEqual(Object.keys(b));
    expect(a.ticket).toHaveLength(b.ticket.length);
    await codeTo(known);
    await codeTo(unknown);
  });
});

describe("a sign-in code, as an attacker tries it", () => {
  it("works once: the same code again, even at the same moment, makes no second session", async () => {
    const e164 = newNumber();
    const { ticket } = await requestSignInCode(handle.db, e164, newAddress(), "es");
    const code = await codeTo(e164);
    const tries = await Promise.allSettled(
      Array.from({ length: 5 }, () => signInWithCode(handle.db, ticket, code, "es")),
    );
    expect(tries.filter((t) => t.status === "fulfilled")).toHaveLength(1);
    expect(
      tries.filter((t) => t.status === "rejected").map((t) => (t as PromiseRejectedResult).reason),
    ).toEqual(Array(4).fill(expect.objectContaining({ key: "phoneCodeMissing" })));
    const [{ made }] = (await handle.db
      .select({ made: sql<number>`count(*)::int` })
      .from(phoneNumbers)
      .where(eq(phoneNumbers.e164, e164))) as [{ made: number }];
    expect(made).toBe(1);
    await expect(signInWithCode(handle.db, ticket, code, "es")).rejects.toMatchObject({
      key: "phoneCodeMissing",
    });
  });

  it("allows 5 tries: wrong codes count down, then even the right one is refused", async () => {
    const e164 = newNumber();
    const { ticket } = await requestSignInCode(handle.db, e164, newAddress(), "es");
    const code = await codeTo(e164);
    for (let left = 4; left >= 1; left--) {
      await expect(signInWithCode(handle.db, ticket, wrongFor(code), "es")).rejects.toMatchObject({
        code: "BAD_REQUEST",
        key: "phoneCodeWrong",
        values: { left },
      });
    }
    await expect(signInWithCode(handle.db, ticket, wrongFor(code), "es")).rejects.toMatchObject({
      key: "phoneCodeLocked",
    });
    await expect(signInWithCode(handle.db, ticket, code, "es")).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      key: "phoneCodeLocked",
    });
    expect(await handle.db.select().from(phoneNumbers).where(eq(phoneNumbers.e164, e164))).toEqual([]);
  });

  it("expires after 10 minutes, and the retention sweep forgets it", async () => {
    const e164 = newNumber();
    const { ticket } = await requestSignInCode(handle.db, e164, newAddress(), "es");
    const code = await codeTo(e164);
    const [row] = await handle.db.select().from(phoneSignInCodes).where(eq(phoneSignInCodes.ticket, ticket));
    const minutes = (row!.expiresAt.getTime() - row!.createdAt.getTime()) / 60_000;
    expect(minutes).toBeCloseTo(10, 5);
    await handle.db
      .update(phoneSignInCodes)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(phoneSignInCodes.ticket, ticket));
    await expect(signInWithCode(handle.db, ticket, code, "es")).rejects.toMatchObject({
      key: "phoneCodeExpired",
    });
    await sweepRetention(handle.db);
    expect(
      await handle.db.select().from(phoneSignInCodes).where(eq(phoneSignInCodes.ticket, ticket)),
    ).toEqual([]);
  });

  it("is worth nothing with another number's ticket, and a new code spends the old one", async () => {
    const mine = newNumber();
    const theirs = newNumber();
    const first = await requestSignInCode(handle.db, mine, newAddress(), "es");
    const firstCode = await codeTo(mine);
    const other = await requestSignInCode(handle.db, theirs, newAddress(), "es");
    await codeTo(theirs);
    // My code on their ticket: wrong.
    await expect(signInWithCode(handle.db, other.ticket, firstCode, "es")).rejects.toMatchObject({
      key: "phoneCodeWrong",
    });
    // Asking again replaces my first code: its ticket is gone.
    const second = await requestSignInCode(handle.db, mine, newAddress(), "es");
    const secondCode = await codeTo(mine, 2);
    await expect(signInWithCode(handle.db, first.ticket, firstCode, "es")).rejects.toMatchObject({
      key: "phoneCodeMissing",
    });
    expect((await signInWithCode(handle.db, second.ticket, secondCode, "es")).newAccount).toBe(true);
  });

  it("cannot flood one number, whoever asks, nor text the world from one address", async () => {
    const e164 = newNumber();
    for (let i = 0; i < 5; i++) await requestSignInCode(handle.db, e164, newAddress(), "es");
    await expect(requestSignInCode(handle.db, e164, newAddress(), "es")).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      key: "tooManyRequests",
    });
    await waitFor(() => smsc.textsTo(e164).length === 5);

    const farm = newAddress();
    for (let i = 0; i < 30; i++) await requestSignInCode(handle.db, newNumber(), farm, "es");
    await expect(requestSignInCode(handle.db, newNumber(), farm, "es")).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
    });
  });

  it("refuses what is not a phone number, in the reader's words", async () => {
    await expect(requestSignInCode(handle.db, "12345", newAddress(), "es")).rejects.toMatchObject({
      code: "BAD_REQUEST",
      key: "phoneInvalid",
    });
    await expect(requestSignInCode(handle.db, "+52 664 abc", newAddress(), "es")).rejects.toMatchObject({
      key: "phoneInvalid",
    });
  });

  it("leaves no number and no code in the server's output", async () => {
    const output = captureOutput();
    const e164 = newNumber();
    let code = "";
    try {
      const { ticket } = await requestSignInCode(handle.db, e164, newAddress(), "es");
      code = await codeTo(e164);
      await signInWithCode(handle.db, ticket, wrongFor(code), "es").catch(() => {});
      await signInWithCode(handle.db, ticket, code, "es");
    } finally {
      output.restore();
    }
    const text = output.text();
    expect(text).toContain("sign-in");
    for (const secret of [e164, e164.slice(1), e164.slice(3), code]) expect(text).not.toContain(secret);
  });
});

describe("an account made by phone", () => {
  it("gets a coordinator's message by SMS and in the inbox, and nothing is queued for an email it lacks", async () => {
    const e164 = newNumber();
    const { ticket } = await requestSignInCode(handle.db, e164, newAddress(), "es");
    const session = await signInWithCode(handle.db, ticket, await codeTo(e164), "es");
    const found = (await sessionOfToken(handle.db, session.sessionToken)) as { user: { id: string } };
    const delegate = { id: found.user.id, isAdmin: false };
    const group = await makeGroup(handle.db);
    const coordinator = await makeUser(handle.db);
    await addMember(handle.db, group.id, coordinator.id, "coordinator");
    await addMember(handle.db, group.id, delegate.id, "member");
    const { id } = await callerFor(handle.db, coordinator).messages.send({
      audience: [{ kind: "group", groupId: group.id, roles: ["member"] }],
      subjectEs: "Agua",
      bodyEs: "Llega el agua a las 5",
      subjectEn: "",
      bodyEn: "",
      urgent: true,
    });
    await runDueJobs(handle.db);
    await waitFor(() => smsc.textsTo(e164).some((t) => t.includes("Llega el agua a las 5")));
    const [delivery] = await handle.db
      .select()
      .from(messageDeliveries)
      .where(eq(messageDeliveries.userId, delegate.id));
    expect(delivery).toMatchObject({ messageId: id, byEmail: false });
    const inbox = await callerFor(handle.db, delegate).messages.inbox({});
    expect(inbox.messages.map((m) => m.id)).toContain(id);
    expect(await handle.db.select().from(sessions).where(eq(sessions.userId, delegate.id))).toHaveLength(1);
  });
});
