// Shift reminders by SMS against a real SMSC in this process (test-support/smpp-server.ts), a real
// mailbox and the real database: the reminder texted once in the reader's language, and SI / NO
// answered from the reminder's own number only, a NO moving the waitlist as a cancellation does.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { messageReplies, phoneNumbers, shifts, signups, smsInbound, smsReminders, users } from "@/db/schema";
import type { Actor } from "../actor";
import { runJob } from "../jobs/definitions";
import { runDueJobs } from "../jobs/worker";
import { sweepRetention } from "../retention/retention";
import { createTestDatabase } from "../../test-support/database";
import { captureOutput } from "../../test-support/output";
import { addMember, callerFor, makeAction, makeGroup, makeUser } from "../../test-support/factories";
import { startSmsc, type TestSmsc } from "../../test-support/smpp-server";
import { startMailbox, type TestMailbox } from "../../test-support/smtp";
import { startSms, stopSms } from "./sms";

let handle: DatabaseHandle;
let smsc: TestSmsc;
let mailbox: TestMailbox;
beforeAll(async () => {
  handle = await createTestDatabase();
  smsc = await startSmsc();
  mailbox = await startMailbox();
  process.env.SMS_URL = smsc.url;
  process.env.SMS_RATE = "0";
  process.env.SMTP_URL = mailbox.url;
  startSms(handle.db);
  await smsc.waitForBind();
});
afterAll(async () => {
  await stopSms();
  await smsc.close();
  await mailbox.close();
  await handle.close();
  delete process.env.SMS_URL;
  delete process.env.SMS_RATE;
});

let numbers = 0;
/** A new valid Mexican mobile number (Tijuana, 664), different each time. */
const newNumber = () => `+52664${String(4_000_000 + ++numbers * 7919).padStart(7, "0")}`;

const waitFor = async (ok: () => boolean | Promise<boolean>, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};

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

/** A shift 20 hours ahead (its reminder is due at once) and `person` signed up for it. */
async function signedUp(person: Actor, capacity = 10) {
  const group = await makeGroup(handle.db);
  const { action, shift } = await makeAction(handle.db, group.id, { startsInHours: 20, capacity });
  const signup = await callerFor(handle.db, person).actions.signUp({ shiftId: shift.id });
  return { action, shift, signup, group };
}

const statusOf = async (signupId: string) =>
  (await handle.db.select({ status: signups.status }).from(signups).where(eq(signups.id, signupId)))[0]!
    .status;

/** Runs the queue until `person`'s reminder text has arrived. */
async function reminded(person: { e164: string }) {
  await runDueJobs(handle.db);
  await waitFor(() => smsc.textsTo(person.e164).length === 1);
  return smsc.textsTo(person.e164)[0]!;
}

describe("a shift reminder by SMS", () => {
  it("is texted once in the reader's language, even when its jobs run twice", async () => {
    const person = await personWithPhone("urgent");
    const { action, signup } = await signedUp(person);
    const attempt = { attempt: 1, last: false };
    await runJob(handle.db, "signup.reminder", { signupId: signup.id }, attempt);
    await runJob(handle.db, "signup.reminder", { signupId: signup.id }, attempt);
    await runJob(handle.db, "signup.reminderSms", { signupId: signup.id }, attempt);
    await runJob(handle.db, "signup.reminderSms", { signupId: signup.id }, attempt);
    await runDueJobs(handle.db);
    await runDueJobs(handle.db);
    await waitFor(() => smsc.textsTo(person.e164).length > 0);
    await new Promise((r) => setTimeout(r, 200));
    expect(smsc.textsTo(person.e164)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Puente: tu turno en «${action.title}» es el .+ hora del Pacífico\\. ` +
            "Responde SI para confirmar o NO para liberar tu lugar\\.$",
        ),
      ),
    ]);
    const rows = await handle.db.select().from(smsReminders).where(eq(smsReminders.signupId, signup.id));
    expect(rows).toMatchObject([{ e164: person.e164, status: "sent", answer: null }]);
    // The person's own data: in their export.
    expect((await callerFor(handle.db, person).me.export()).remindersTexted).toMatchObject([
      { signupId: signup.id, number: person.e164, status: "sent", answer: null },
    ]);
  });

  it("is in English for an English reader, and not texted to a number with SMS off or stopped", async () => {
    const english = await personWithPhone("all", { locale: "en" });
    const off = await personWithPhone("off");
    const stopped = await personWithPhone("all", { optedOut: true });
    const { action } = await signedUp(english);
    for (const p of [off, stopped]) await signedUp(p);
    expect(await reminded(english)).toMatch(
      new RegExp(
        `^Puente: your shift at «${action.title}» is on .+\\. Reply YES to confirm or NO to free your place\\.$`,
      ),
    );
    await runDueJobs(handle.db);
    for (const p of [off, stopped]) expect(smsc.textsTo(p.e164)).toEqual([]);
  });
});

describe("a shift reminder for an account made by phone", () => {
  it("reaches it by SMS, though there is no email to send", async () => {
    const person = await personWithPhone("urgent");
    await handle.db.update(users).set({ email: null }).where(eq(users.id, person.id));
    const { action } = await signedUp(person);
    expect(await reminded(person)).toContain(`«${action.title}»`);
  });
});

describe("answering a reminder", () => {
  it("SI keeps the place and says so in one line", async () => {
    const person = await personWithPhone("urgent");
    const { action, signup } = await signedUp(person);
    await reminded(person);
    await smsc.sendText(person.e164, " Sí ");
    await waitFor(() => smsc.textsTo(person.e164).length === 2);
    expect(smsc.textsTo(person.e164)[1]).toBe(
      `Puente: gracias, tu lugar en «${action.title}» está confirmado.`,
    );
    expect(await statusOf(signup.id)).toBe("confirmed");
    const [row] = await handle.db.select().from(smsReminders).where(eq(smsReminders.signupId, signup.id));
    expect(row).toMatchObject({ answer: "confirmed", answeredAt: expect.any(Date) });
    // Not a reply in any thread.
    expect(
      await handle.db.select().from(messageReplies).where(eq(messageReplies.authorId, person.id)),
    ).toEqual([]);
  });

  it("NO frees the place, and the first person waiting gets it and is told as on the web", async () => {
    const person = await personWithPhone("urgent", { locale: "en" });
    const { action, shift, signup } = await signedUp(person, 1);
    const waiting = await makeUser(handle.db, { preferredLanguage: "es", email: "esperando@example.org" });
    const second = await makeUser(handle.db);
    const first = await callerFor(handle.db, waiting).actions.signUp({ shiftId: shift.id });
    const next = await callerFor(handle.db, second).actions.signUp({ shiftId: shift.id });
    expect([first.status, next.status]).toEqual(["waitlisted", "waitlisted"]);
    await reminded(person);
    await smsc.sendText(person.e164, "no");
    await waitFor(() => smsc.textsTo(person.e164).length === 2);
    expect(smsc.textsTo(person.e164)[1]).toBe(
      `Puente: your place at «${action.title}» is now free for someone else. Thank you for letting us know.`,
    );
    expect(await statusOf(signup.id)).toBe("cancelled");
    expect(await statusOf(first.id)).toBe("confirmed");
    expect(await statusOf(next.id)).toBe("waitlisted");
    const [count] = await handle.db
      .select({ confirmed: shifts.confirmedCount })
      .from(shifts)
      .where(eq(shifts.id, shift.id));
    expect(count!.confirmed).toBe(1);
    await runDueJobs(handle.db);
    // Told as on the web (and reminded: the shift is within a day).
    const toldOf = () =>
      mailbox.received.filter(
        (e) => e.to.includes("esperando@example.org") && e.text.includes("Se abrió un lugar y es tuyo"),
      );
    await waitFor(() => toldOf().length === 1);
  });
});

describe("a SI / NO that answers no reminder", () => {
  it("cannot cancel someone else's place: not from a stranger, another person, or the number's next owner", async () => {
    const owner = await personWithPhone("all");
    const { signup } = await signedUp(owner);
    await reminded(owner);

    const stranger = newNumber();
    await smsc.sendText(stranger, "NO");
    const other = await personWithPhone("all");
    await smsc.sendText(other.e164, "NO");
    const admin = callerFor(handle.db, await makeUser(handle.db, { isAdmin: true }));
    await waitFor(async () => {
      const unmatched = await admin.sms.unmatched();
      return (
        unmatched.some((t) => t.fromE164 === stranger) && unmatched.some((t) => t.fromE164 === other.e164)
      );
    });
    expect(await statusOf(signup.id)).toBe("confirmed");

    // The number changes hands: its new owner's NO is theirs, not an answer to the reminder.
    const next = await makeUser(handle.db);
    await handle.db.update(phoneNumbers).set({ userId: next.id }).where(eq(phoneNumbers.userId, owner.id));
    await smsc.sendText(owner.e164, "NO");
    await waitFor(async () => {
      const [n] = await handle.db
        .select({ n: sql<number>`count(*)::int` })
        .from(smsInbound)
        .where(eq(smsInbound.userId, next.id));
      return Number(n!.n) === 1;
    });
    expect(await statusOf(signup.id)).toBe("confirmed");
    expect(smsc.textsTo(owner.e164)).toHaveLength(1);
    const [row] = await handle.db.select().from(smsReminders).where(eq(smsReminders.signupId, signup.id));
    expect(row!.answer).toBeNull();
  });

  it("lands in the thread as today once the reminder is answered or its shift has started", async () => {
    const person = await personWithPhone("all");
    const group = await makeGroup(handle.db);
    const coordinator = await makeUser(handle.db);
    await addMember(handle.db, group.id, coordinator.id, "coordinator");
    await addMember(handle.db, group.id, person.id, "member");
    const { shift, signup } = await signedUp(person);
    await reminded(person);
    await smsc.sendText(person.e164, "SI");
    await waitFor(() => smsc.textsTo(person.e164).length === 2);

    const api = callerFor(handle.db, coordinator);
    const { id } = await api.messages.send({
      audience: [{ kind: "group", groupId: group.id, roles: ["member"] }],
      subjectEs: "Turno",
      bodyEs: "¿Vienes?",
      urgent: false,
    });
    await runDueJobs(handle.db);
    await waitFor(() => smsc.textsTo(person.e164).length === 3);
    // Answered already: this NO is a reply, and the place stays.
    await smsc.sendText(person.e164, "NO");
    await waitFor(async () => (await api.messages.get({ messageId: id })).replies.length === 1);
    expect(await statusOf(signup.id)).toBe("confirmed");

    // A fresh reminder whose shift has started: too late to answer.
    await handle.db.update(smsReminders).set({ answer: null }).where(eq(smsReminders.signupId, signup.id));
    await handle.db
      .update(shifts)
      .set({ startsAt: new Date(Date.now() - 60_000) })
      .where(eq(shifts.id, shift.id));
    await smsc.sendText(person.e164, "NO");
    await waitFor(async () => (await api.messages.get({ messageId: id })).replies.length === 2);
    expect(await statusOf(signup.id)).toBe("confirmed");
    expect(smsc.textsTo(person.e164)).toHaveLength(3);
  });
});

describe("the server's output", () => {
  it("holds no number and no text of a reminder or its answer", async () => {
    const output = captureOutput();
    try {
      const person = await personWithPhone("all");
      const { action } = await signedUp(person);
      await reminded(person);
      await smsc.sendText(person.e164, "NO");
      await waitFor(() => smsc.textsTo(person.e164).length === 2);
      const text = output.text();
      for (const secret of [person.e164, person.e164.slice(1), action.title, "Responde SI", "liberamos"])
        expect(text).not.toContain(secret);
    } finally {
      output.restore();
    }
  });
});

describe("retention", () => {
  it("forgets a texted reminder, and its number, after 30 days", async () => {
    const person = await personWithPhone("all");
    const { signup } = await signedUp(person);
    await reminded(person);
    await handle.db
      .update(smsReminders)
      .set({ createdAt: new Date(Date.now() - 31 * 86_400_000) })
      .where(eq(smsReminders.signupId, signup.id));
    await sweepRetention(handle.db);
    expect(await handle.db.select().from(smsReminders).where(eq(smsReminders.signupId, signup.id))).toEqual(
      [],
    );
  });
});
