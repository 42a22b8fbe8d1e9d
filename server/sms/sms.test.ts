// SMS end to end against a real SMSC in this process (test-support/smpp-server.ts) and the real
// database: verifying a number, rate limits, a message's fan-out by SMS in GSM-7 and UCS-2,
// receipts, replies into threads, STOP, a provider outage in the middle of a fan-out, and logs
// that hold no number and no text.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import {
  jobs,
  messageReplies,
  phoneNumbers,
  phoneVerifications,
  rateLimits,
  smsDeliveries,
  smsInbound,
  users,
} from "@/db/schema";
import { runDueJobs } from "../jobs/worker";
import { consume, REPLIES_SENT } from "../rate-limits";
import { sweepRetention } from "../retention/retention";
import { createTestDatabase } from "../../test-support/database";
import { addMember, callerFor, makeGroup, makeUser } from "../../test-support/factories";
import { captureOutput } from "../../test-support/output";
import { startSmsc, type TestSmsc } from "../../test-support/smpp-server";
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
const newNumber = () => `+52664${String(3_000_000 + ++numbers * 7919).padStart(7, "0")}`;
const digits = (e164: string) => e164.slice(1);

const waitFor = async (ok: () => boolean | Promise<boolean>, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** The code texted to `e164` most recently. */
function lastCode(e164: string): string {
  const text = smsc.textsTo(e164).at(-1) ?? "";
  return /\b(\d{6})\b/.exec(text)?.[1] ?? "";
}

/** A person with a verified number and a channel choice, written directly (the flow has its own tests). */
async function personWithPhone(
  smsMessages: "off" | "urgent" | "all",
  options: { locale?: "es" | "en"; optedOut?: boolean } = {},
) {
  const person = await makeUser(handle.db, { preferredLanguage: options.locale ?? "es" });
  const e164 = newNumber();
  await handle.db.insert(phoneNumbers).values({
    userId: person.id,
    e164,
    smsMessages,
    optedOutAt: options.optedOut ? new Date() : null,
  });
  return { ...person, e164 };
}

async function groupOf(members: { id: string }[]) {
  const group = await makeGroup(handle.db);
  const coordinator = await makeUser(handle.db);
  await addMember(handle.db, group.id, coordinator.id, "coordinator");
  for (const m of members) await addMember(handle.db, group.id, m.id, "member");
  const api = callerFor(handle.db, coordinator);
  const send = (
    text: { subjectEs?: string; bodyEs?: string; subjectEn?: string; bodyEn?: string },
    urgent = false,
  ) =>
    api.messages.send({
      audience: [{ kind: "group", groupId: group.id, roles: ["member"] }],
      ...text,
      urgent,
    });
  return { group, coordinator, api, send };
}

describe("verifying a number", () => {
  it("texts a 6-digit code; the right code makes the number the person's", async () => {
    const person = await makeUser(handle.db, { preferredLanguage: "es" });
    const api = callerFor(handle.db, person, "es");
    const e164 = newNumber();
    // Typed as people do: national, with spaces.
    const national = `${e164.slice(3, 6)} ${e164.slice(6, 9)} ${e164.slice(9)}`;
    expect(await api.sms.requestCode({ number: national })).toEqual({
      number: expect.stringContaining("+52"),
    });
    await waitFor(() => lastCode(e164) !== "");
    expect(smsc.textsTo(e164).at(-1)).toMatch(/^Puente: tu código es \d{6}\. Vence en 10 minutos/);
    const [stored] = await handle.db
      .select()
      .from(phoneVerifications)
      .where(eq(phoneVerifications.userId, person.id));
    expect(stored!.codeHash).not.toContain(lastCode(e164));
    expect((await api.sms.phone()).pending).not.toBeNull();

    await api.sms.confirmCode({ code: lastCode(e164) });
    expect((await api.sms.phone()).verified).toEqual({
      number: expect.stringContaining("664"),
      smsMessages: "urgent",
      optedOut: false,
    });
    expect((await api.sms.phone()).pending).toBeNull();
    const [row] = await handle.db.select().from(phoneNumbers).where(eq(phoneNumbers.userId, person.id));
    expect(row!.e164).toBe(e164);
    await api.sms.setChoice({ smsMessages: "all" });
    expect((await api.sms.phone()).verified?.smsMessages).toBe("all");
    await api.sms.removePhone();
    expect((await api.sms.phone()).verified).toBeNull();
  });

  it("refuses a number that is not one, in the reader's language", async () => {
    const person = await makeUser(handle.db);
    await expect(
      callerFor(handle.db, person, "es").sms.requestCode({ number: "12345" }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "phoneInvalid",
    });
  });

  it("allows 5 tries: wrong codes count down, then even the right one is refused", async () => {
    const person = await makeUser(handle.db);
    const api = callerFor(handle.db, person);
    const e164 = newNumber();
    await api.sms.requestCode({ number: e164 });
    await waitFor(() => lastCode(e164) !== "");
    const code = lastCode(e164);
    const wrong = code === "000000" ? "111111" : "000000";
    for (let left = 4; left >= 1; left--) {
      await expect(api.sms.confirmCode({ code: wrong })).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: "phoneCodeWrong",
        cause: { values: { left } },
      });
    }
    await expect(api.sms.confirmCode({ code: wrong })).rejects.toMatchObject({ message: "phoneCodeLocked" });
    await expect(api.sms.confirmCode({ code })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: "phoneCodeLocked",
    });
    expect((await api.sms.phone()).verified).toBeNull();
  });

  it("refuses a code after 10 minutes", async () => {
    const person = await makeUser(handle.db);
    const api = callerFor(handle.db, person);
    const e164 = newNumber();
    await api.sms.requestCode({ number: e164 });
    await waitFor(() => lastCode(e164) !== "");
    await handle.db
      .update(phoneVerifications)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(phoneVerifications.userId, person.id));
    await expect(api.sms.confirmCode({ code: lastCode(e164) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "phoneCodeExpired",
    });
  });

  it("moves a number to whoever proves it last", async () => {
    const first = await personWithPhone("all");
    const second = await makeUser(handle.db);
    const api = callerFor(handle.db, second);
    await api.sms.requestCode({ number: first.e164 });
    await waitFor(() => lastCode(first.e164) !== "");
    await api.sms.confirmCode({ code: lastCode(first.e164) });
    const owners = await handle.db.select().from(phoneNumbers).where(eq(phoneNumbers.e164, first.e164));
    expect(owners.map((o) => o.userId)).toEqual([second.id]);
  });

  it("limits the codes texted to one number, whoever asks, and keys the count by a hash", async () => {
    const e164 = newNumber();
    const ask = async () => callerFor(handle.db, await makeUser(handle.db)).sms.requestCode({ number: e164 });
    for (let i = 0; i < 5; i++) await ask();
    await expect(ask()).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS", message: "tooManyRequests" });
    expect(smsc.textsTo(e164)).toHaveLength(5);
    const keys = await handle.db.select({ key: rateLimits.key }).from(rateLimits);
    expect(keys.filter((k) => k.key.includes(digits(e164).slice(2)))).toEqual([]);
  });

  it("limits the codes asked for from one address", async () => {
    const clientKey = `shared-wifi-${Date.now()}`;
    const ask = async () =>
      callerFor(handle.db, await makeUser(handle.db), "en", clientKey).sms.requestCode({
        number: newNumber(),
      });
    for (let i = 0; i < 30; i++) await ask();
    await expect(ask()).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });
});

describe("a message by SMS", () => {
  it("goes to those who chose it, once, in GSM-7 or UCS-2 as its characters need", async () => {
    const all = await personWithPhone("all");
    const urgentOnly = await personWithPhone("urgent", { locale: "en" });
    const off = await personWithPhone("off");
    const stopped = await personWithPhone("all", { optedOut: true });
    const noPhone = await makeUser(handle.db);
    const { send, coordinator } = await groupOf([all, urgentOnly, off, stopped, noPhone]);
    const from = `"${coordinator.name}"`;

    await send({ subjectEs: "Albergue", bodyEs: "¿Dónde está el albergue?" });
    await runDueJobs(handle.db);
    await runDueJobs(handle.db); // another worker: nothing more
    // Puente's own words say who wrote it; what the sender typed is quoted.
    expect(smsc.textsTo(all.e164)).toEqual([
      `Puente, mensaje de ${from}: "Albergue"\n¿Dónde está el albergue?`,
    ]);
    const [ucs2] = smsc.submitted.filter((s) => s.to === digits(all.e164));
    expect(ucs2!.dataCoding).toBe(8);
    for (const p of [urgentOnly, off, stopped]) expect(smsc.textsTo(p.e164)).toEqual([]);

    await send({ subjectEs: "Garita", bodyEs: "Donde esta el albergue? Mañana a las 8." }, true);
    await runDueJobs(handle.db);
    const gsm = smsc.submitted.filter((s) => s.to === digits(all.e164)).at(-1)!;
    expect(gsm.dataCoding).toBe(0);
    expect(smsc.textsTo(all.e164).at(-1)).toBe(
      `Puente URGENTE, mensaje de ${from}: "Garita"\nDonde esta el albergue? Mañana a las 8.`,
    );
    // In the reader's language when the message has it; here it has only Spanish.
    expect(smsc.textsTo(urgentOnly.e164)).toEqual([
      `Puente URGENT, message from ${from}: "Garita"\nDonde esta el albergue? Mañana a las 8.`,
    ]);
    for (const p of [off, stopped]) expect(smsc.textsTo(p.e164)).toEqual([]);
  });

  it("never lets what a sender typed read as Puente speaking, nor become a link", async () => {
    const person = await personWithPhone("all");
    const { send, coordinator } = await groupOf([person]);
    await handle.db
      .update(users)
      .set({ name: "Puente Oficial https://evil.example" })
      .where(eq(users.id, coordinator.id));
    await send({
      subjectEs: "Puente: verifica tu cuenta",
      bodyEs: "Entra a https://evil.example/login o evil.example",
    });
    await runDueJobs(handle.db);
    expect(smsc.textsTo(person.e164)).toEqual([
      'Puente, mensaje de "Puente Oficial https[:]//evil[.]example": "Puente: verifica tu cuenta"\n' +
        "Entra a https[:]//evil[.]example/login o evil[.]example",
    ]);
  });

  it("cuts a long message to 2 segments and a link to it, unless urgent", async () => {
    const person = await personWithPhone("all");
    const { send, coordinator } = await groupOf([person]);
    const body = "Necesitamos voluntarios para el turno de la noche en el albergue. ".repeat(8);
    const { id } = await send({ subjectEs: "Turno", bodyEs: body });
    await send({ subjectEs: "Turno urgente", bodyEs: body }, true);
    await runDueJobs(handle.db);
    const texts = smsc.textsTo(person.e164);
    const cut = texts.find((t) => t.includes("Sigue en"));
    const whole = texts.find((t) => t.startsWith("Puente URGENTE"));
    expect(cut).toMatch(new RegExp(`… Sigue en http://localhost:\\d+/inbox/${id}$`));
    const segments = await handle.db
      .select({ segments: smsDeliveries.segments })
      .from(smsDeliveries)
      .where(eq(smsDeliveries.e164, person.e164));
    expect(segments.map((s) => s.segments).sort()).toEqual([2, 4]);
    expect(whole).toBe(`Puente URGENTE, mensaje de "${coordinator.name}": "Turno urgente"\n${body.trim()}`);
  });

  it("follows the carriers' receipts: delivered, or failed with their reason, apart from email", async () => {
    const [a, b] = [await personWithPhone("all"), await personWithPhone("all")];
    const { api, send } = await groupOf([a, b]);
    const { id } = await send({ subjectEs: "Agua", bodyEs: "Traigan agua." });
    await runDueJobs(handle.db);
    const idOf = (p: { e164: string }) =>
      smsc.submitted.filter((s) => s.to === digits(p.e164)).at(-1)!.messageId;
    expect((await api.messages.get({ messageId: id })).sms).toEqual({
      total: 2,
      queued: 0,
      sent: 2,
      delivered: 0,
      failed: 0,
      capped: 0,
    });
    await smsc.sendReceipt(idOf(a), "DELIVRD");
    await smsc.sendReceipt(idOf(b), "UNDELIV", "001");
    await waitFor(async () => (await api.messages.get({ messageId: id })).sms?.failed === 1);
    await waitFor(async () => (await api.messages.get({ messageId: id })).sms?.delivered === 1);
    const rows = await handle.db
      .select({ e164: smsDeliveries.e164, status: smsDeliveries.status, reason: smsDeliveries.reason })
      .from(smsDeliveries)
      .where(eq(smsDeliveries.messageId, id));
    expect(rows.find((r) => r.e164 === a.e164)).toMatchObject({ status: "delivered", reason: null });
    expect(rows.find((r) => r.e164 === b.e164)).toMatchObject({
      status: "failed",
      reason: "UNDELIV err 001",
    });
    // Email and the inbox are counted apart (here email failed: no SMTP server).
    const message = await api.messages.get({ messageId: id });
    expect(message.deliveries).toMatchObject({ total: 2, failed: 2 });
  });

  it("survives the provider going down in the middle: nothing lost, nothing sent twice", async () => {
    await stopSms();
    process.env.SMS_RATE = "20";
    let binds = smsc.binds;
    startSms(handle.db);
    await waitFor(() => smsc.binds > binds);
    const people = [];
    for (let i = 0; i < 8; i++) people.push(await personWithPhone("all"));
    const { send, coordinator } = await groupOf(people);
    const before = smsc.submitted.length;
    await send({ subjectEs: "Cambio", bodyEs: "El punto de reunion cambio (GSM-7: one segment each)." });
    const down = smsc.downAfter(before + 3);
    await runDueJobs(handle.db, 2);
    await down;
    const sentBefore = smsc.submitted.length - before;
    expect(sentBefore).toBeLessThan(8);
    const queued = await handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(smsDeliveries)
      .where(
        sql`${smsDeliveries.status} = 'queued' and ${smsDeliveries.e164} in ${people.map((p) => p.e164)}`,
      );
    expect(Number(queued[0]!.n)).toBe(8 - sentBefore);

    binds = smsc.binds;
    await smsc.up();
    await waitFor(() => smsc.binds > binds);
    await handle.db
      .update(jobs)
      .set({ runAt: new Date(Date.now() - 1000) })
      .where(sql`${jobs.doneAt} is null`);
    await runDueJobs(handle.db);
    for (const p of people)
      expect(smsc.textsTo(p.e164)).toEqual([
        `Puente, mensaje de "${coordinator.name}": "Cambio"\nEl punto de reunion cambio (GSM-7: one segment each).`,
      ]);
    await stopSms();
    process.env.SMS_RATE = "0";
    binds = smsc.binds;
    startSms(handle.db);
    await waitFor(() => smsc.binds > binds);
  });
});

describe("texts people send back", () => {
  it("lands a reply in the thread of the latest message the person received", async () => {
    const person = await personWithPhone("all");
    const { api, send } = await groupOf([person]);
    await send({ subjectEs: "Primero", bodyEs: "Uno" });
    const { id } = await send({ subjectEs: "Segundo", bodyEs: "Dos" });
    await runDueJobs(handle.db);
    await smsc.sendText(person.e164, "Sí, ahí estaré a las 8");
    await waitFor(async () => (await api.messages.get({ messageId: id })).replies.length > 0);
    const { replies } = await api.messages.get({ messageId: id });
    expect(replies).toMatchObject([
      { threadUserId: person.id, authorId: person.id, body: "Sí, ahí estaré a las 8" },
    ]);
  });

  it("holds replies by SMS to the web's limit, and drops their control characters", async () => {
    const person = await personWithPhone("all");
    const { api, send } = await groupOf([person]);
    const { id } = await send({ subjectEs: "Turno", bodyEs: "¿Vienes?" });
    await runDueJobs(handle.db);
    // The person's allowance is nearly spent (by replies on the web this hour): one more lands.
    for (let i = 0; i < REPLIES_SENT.points - 1; i++) await consume(handle.db, REPLIES_SENT, person.id);
    const replies = async () => (await api.messages.get({ messageId: id })).replies;
    await smsc.sendText(person.e164, "Sí\u0000 voy\u001b[2J");
    await waitFor(async () => (await replies()).length === 1);
    expect((await replies())[0]!.body).toBe("Sí voy[2J");
    // Past it, a text joins no thread; the log says why, without the number or the words.
    for (let i = 0; i < 3; i++) await smsc.sendText(person.e164, `Otra vez ${i}`);
    await new Promise((r) => setTimeout(r, 500));
    expect(await replies()).toHaveLength(1);
  });

  it("keeps at most 30 texts an hour from one unknown number for the admins", async () => {
    const stranger = newNumber();
    for (let i = 0; i < 32; i++) await smsc.sendText(stranger, `Spam ${i}`);
    await waitFor(async () => {
      const [row] = await handle.db
        .select({ n: sql<number>`count(*)::int` })
        .from(smsInbound)
        .where(eq(smsInbound.fromE164, stranger));
      return row!.n >= 30;
    });
    await new Promise((r) => setTimeout(r, 500));
    const kept = await handle.db.select().from(smsInbound).where(eq(smsInbound.fromE164, stranger));
    expect(kept).toHaveLength(30);
  });

  it("keeps a text from an unknown number for the admins, and only them", async () => {
    const stranger = newNumber();
    await smsc.sendText(stranger, "Hola, ¿quién es?");
    const admin = await makeUser(handle.db, { isAdmin: true });
    const api = callerFor(handle.db, admin);
    await waitFor(async () => (await api.sms.unmatched()).some((t) => t.fromE164 === stranger));
    expect((await api.sms.unmatched()).find((t) => t.fromE164 === stranger)).toMatchObject({
      body: "Hola, ¿quién es?",
      known: false,
    });
    await expect(callerFor(handle.db, await makeUser(handle.db)).sms.unmatched()).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("turns SMS off at once on STOP (or ALTO, BAJA), with one confirmation", async () => {
    const person = await personWithPhone("all");
    const { send } = await groupOf([person]);
    await smsc.sendText(person.e164, " ¡Alto! ");
    await waitFor(() => smsc.textsTo(person.e164).length === 1);
    expect(smsc.textsTo(person.e164)).toEqual([
      "Puente: ya no recibirás SMS en este número. Para volver a recibirlos, elige SMS en tu cuenta.",
    ]);
    const [row] = await handle.db.select().from(phoneNumbers).where(eq(phoneNumbers.userId, person.id));
    expect(row!.optedOutAt).not.toBeNull();
    await send({ subjectEs: "Urgente", bodyEs: "Nadie debe recibir esto por SMS" }, true);
    await runDueJobs(handle.db);
    expect(smsc.textsTo(person.e164)).toHaveLength(1);
    const replies = await handle.db
      .select()
      .from(messageReplies)
      .where(eq(messageReplies.authorId, person.id));
    expect(replies).toEqual([]);
    // Choosing SMS again on /me undoes it.
    await callerFor(handle.db, person).sms.setChoice({ smsMessages: "all" });
    expect((await callerFor(handle.db, person).sms.phone()).verified?.optedOut).toBe(false);
  });
});

describe("AYUDA / HELP", () => {
  it("answers how to reach the coordinators, in the person's language", async () => {
    const person = await personWithPhone("all", { locale: "en" });
    await smsc.sendText(person.e164, "help");
    await waitFor(() => smsc.textsTo(person.e164).length === 1);
    expect(smsc.textsTo(person.e164)[0]).toMatch(
      /^Puente: reply to this number .* http:\/\/localhost:\d+\/inbox$/,
    );
  });
});

describe("the server's output", () => {
  it("holds no number and no text of any SMS", async () => {
    const output = captureOutput();
    let person: Awaited<ReturnType<typeof personWithPhone>>;
    try {
      person = await personWithPhone("all");
      const { send } = await groupOf([person]);
      const asker = await makeUser(handle.db);
      const e164 = newNumber();
      await callerFor(handle.db, asker).sms.requestCode({ number: e164 });
      await send({ subjectEs: "Secreto", bodyEs: "Nos vemos en la casa azul" });
      await runDueJobs(handle.db);
      await smsc.down();
      await send({ subjectEs: "Secreto", bodyEs: "Nos vemos en la casa verde" });
      await runDueJobs(handle.db);
      const binds = smsc.binds;
      await smsc.up();
      await waitFor(() => smsc.binds > binds);
      await smsc.sendText(person.e164, "Respuesta privada");
      await smsc.sendText(newNumber(), "Texto de un desconocido");
      await new Promise((r) => setTimeout(r, 300));
      const code = lastCode(e164);
      const text = output.text();
      for (const secret of [
        person.e164,
        digits(person.e164),
        e164,
        digits(e164),
        code,
        "casa azul",
        "casa verde",
        "Respuesta privada",
        "desconocido",
      ]) {
        expect(text).not.toContain(secret);
      }
    } finally {
      output.restore();
    }
    const [me] = await handle.db.select({ id: users.id }).from(users).where(eq(users.id, person!.id));
    expect(me).toBeDefined();
  });
});

describe("a person's data", () => {
  it("holds their number in the export, and loses it with the account", async () => {
    const person = await personWithPhone("all");
    const { send } = await groupOf([person]);
    await send({ subjectEs: "Hola", bodyEs: "Prueba" });
    await runDueJobs(handle.db);
    const api = callerFor(handle.db, person);
    const data = await api.me.export();
    expect(data.smsNumber).toMatchObject({ number: person.e164, smsMessages: "all" });
    expect(data.textsReceived).toMatchObject([{ number: person.e164, status: "sent", segments: 1 }]);
    await api.me.deleteAccount();
    expect(await handle.db.select().from(phoneNumbers).where(eq(phoneNumbers.e164, person.e164))).toEqual([]);
    expect(await handle.db.select().from(smsDeliveries).where(eq(smsDeliveries.e164, person.e164))).toEqual(
      [],
    );
  });
});

describe("retention", () => {
  it("forgets received texts after 30 days, and expired codes at once", async () => {
    const old = newNumber();
    const recent = newNumber();
    await handle.db.insert(smsInbound).values([
      {
        fromE164: old,
        outcome: "unmatched",
        body: "viejo",
        receivedAt: new Date(Date.now() - 31 * 86_400_000),
      },
      { fromE164: recent, outcome: "unmatched", body: "nuevo" },
    ]);
    const person = await makeUser(handle.db);
    await handle.db.insert(phoneVerifications).values({
      userId: person.id,
      e164: newNumber(),
      codeHash: "x",
      expiresAt: new Date(Date.now() - 1000),
    });
    await sweepRetention(handle.db);
    const left = await handle.db.select({ from: smsInbound.fromE164 }).from(smsInbound);
    expect(left.map((r) => r.from)).toContain(recent);
    expect(left.map((r) => r.from)).not.toContain(old);
    expect(
      await handle.db.select().from(phoneVerifications).where(eq(phoneVerifications.userId, person.id)),
    ).toEqual([]);
  });
});
