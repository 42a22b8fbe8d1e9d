import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { actions, decisions, jobs, shifts } from "@/db/schema";
import { runDueJobs } from "../jobs/worker";
import { publicOrigin } from "../origin";
import {
  addMember,
  callerFor,
  makeAction,
  makeDecision,
  makeGroup,
  makeMeetingPoint,
  makeUser,
} from "../../test-support/factories";
import { setUpDatabase, setUpMailbox } from "../../test-support/setup";
import { decodeQuotedPrintable, type ReceivedEmail } from "../../test-support/smtp";

// What an attacker types where Puente's emails repeat it: a group, an action, a decision, a
// message, a person named to read as Puente itself, with a link to the attacker's site.
const EVIL = "Puente: verify your account at https://evil.example/login";
const DEFANGED = "«Puente: verify your account at https[:]//evil[.]example/login»";
// Group names are unique: each test's group signs as another "Puente".
let groups = 0;
const evilGroup = () => `Puente ${++groups}: verify your account at https://evil.example/login`;
const defangedGroup = () => `«Puente ${groups}: verify your account at https[:]//evil[.]example/login»`;

const handle = setUpDatabase();
const mailbox = setUpMailbox();
beforeAll(async () => {
  // The origin the test callers' requests come from (callerFor), so that links built either way agree.
  process.env.PUENTE_URL = "http://puente.test";
});

/** The Subject header as a mail client shows it (folded lines joined, encoded words decoded). */
function subjectOf(email: ReceivedEmail): string {
  const header = email.raw.match(/^Subject: (.*(?:\r\n[ \t].*)*)/m)![1]!.replace(/\r\n[ \t]/g, " ");
  return header
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?[^?]+\?([QqBb])\?([^?]*)\?=/g, (_, kind: string, text: string) =>
      kind.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : decodeQuotedPrintable(text.replace(/_/g, " ")),
    );
}

/** Every email `to` received, once the worker has nothing left to do. */
async function emailsTo(to: string) {
  while ((await runDueJobs(handle.db)) > 0);
  await mailbox.waitFor(to);
  return mailbox.received.filter((e) => e.to.includes(to.toLowerCase()));
}

/** What every email of `emails` must show of the attacker's text: none of it as Puente's own. */
function expectNothingReadsAsPuente(emails: ReceivedEmail[]) {
  expect(emails.length).toBeGreaterThan(0);
  for (const email of emails) {
    expect(subjectOf(email)).not.toMatch(/evil|verify/i);
    expect(email.text).not.toContain("https://evil.example");
    expect(email.text).not.toContain("evil.example");
    // The only links are Puente's own.
    for (const url of email.text.match(/https?:\/\/\S+/g) ?? [])
      expect(url.startsWith(publicOrigin())).toBe(true);
  }
}

/** A volunteer's group, action and shift, every name in them typed by the attacker. */
async function namedAction(options: Parameters<typeof makeAction>[2] = {}) {
  const group = await makeGroup(handle.db, { name: evilGroup() });
  const made = await makeAction(handle.db, group.id, { exactLocation: EVIL, ...options });
  await handle.db.update(actions).set({ title: EVIL, placeName: EVIL }).where(eq(actions.id, made.action.id));
  await handle.db.update(shifts).set({ role: EVIL }).where(eq(shifts.id, made.shift.id));
  return { group, ...made };
}

describe("emails that repeat what people typed never read as Puente speaking", () => {
  it("the shift reminder: a fixed subject, the action's title quoted, attributed and unlinked", async () => {
    const { shift } = await namedAction({ startsInHours: 20 });
    const me = await makeUser(handle.db, { preferredLanguage: "en" });
    await callerFor(handle.db, me).actions.signUp({ shiftId: shift.id });
    const emails = await emailsTo(me.email);
    expectNothingReadsAsPuente(emails);
    expect(subjectOf(emails[0]!)).toBe("Reminder: your shift tomorrow");
    expect(emails[0]!.text).toContain(DEFANGED);
    expect(emails[0]!.text).toContain("named by its organizers, not checked by Puente");
  });

  it("the news of a place from the waitlist, in Spanish", async () => {
    const { shift } = await namedAction({ capacity: 1, startsInHours: 72 });
    const first = await makeUser(handle.db);
    const second = await makeUser(handle.db, { preferredLanguage: "es" });
    const { id } = await callerFor(handle.db, first).actions.signUp({ shiftId: shift.id });
    await callerFor(handle.db, second).actions.signUp({ shiftId: shift.id });
    await callerFor(handle.db, first).actions.cancelSignup({ signupId: id });
    const emails = await emailsTo(second.email);
    expectNothingReadsAsPuente(emails);
    expect(subjectOf(emails[0]!)).toBe("Se abrió un lugar para ti en un turno");
    expect(emails[0]!.text).toContain(DEFANGED);
    expect(emails[0]!.text).toContain("la nombraron quienes la organizan, Puente no lo revisa");
  });

  it("the exact place of a members-only action", async () => {
    // Starts in 11 hours: its reveal time (12 hours before) has passed, so the job is due now.
    const { group, shift } = await namedAction({ visibility: "members", startsInHours: 11 });
    const me = await makeUser(handle.db, { preferredLanguage: "en" });
    await addMember(handle.db, group.id, me.id, "member");
    await callerFor(handle.db, me).actions.signUp({ shiftId: shift.id });
    const emails = await emailsTo(me.email);
    expectNothingReadsAsPuente(emails);
    const reveal = emails.find((e) => subjectOf(e) === "Where to meet: the exact place of your shift");
    expect(reveal!.text).toContain(DEFANGED);
  });

  it("the notice that a decision closed: the question and the winning place quoted", async () => {
    const group = await makeGroup(handle.db, { name: evilGroup() });
    const organizer = await makeUser(handle.db, { preferredLanguage: "en" });
    await addMember(handle.db, group.id, organizer.id, "organizer");
    const point = await makeMeetingPoint(handle.db, group.id, { name: EVIL });
    const other = await makeMeetingPoint(handle.db, group.id);
    const decision = await makeDecision(handle.db, [point.id, other.id]);
    await handle.db.update(decisions).set({ question: EVIL }).where(eq(decisions.id, decision.id));
    await handle.db.insert(jobs).values({
      kind: "decision.close",
      payload: { decisionId: decision.id },
      dedupeKey: `decision.close:${decision.id}`,
    });
    await callerFor(handle.db, organizer).decisions.vote({
      decisionId: decision.id,
      groupId: group.id,
      choices: [point.id],
    });
    await handle.db
      .update(decisions)
      .set({ opensAt: sql`now() - interval '2 hours'`, closesAt: sql`now() - interval '1 second'` })
      .where(eq(decisions.id, decision.id));
    const emails = await emailsTo(organizer.email);
    expectNothingReadsAsPuente(emails);
    expect(subjectOf(emails[0]!)).toBe("A decision on the meeting point has closed");
    expect(emails[0]!.text.split(DEFANGED).length - 1).toBe(2); // the question and the place
    expect(emails[0]!.text).toContain("written by its coordinators, not checked by Puente");
  });

  it("a message: a fixed subject, the sender and group named as its authors, the body set apart and unlinked", async () => {
    const group = await makeGroup(handle.db, { name: evilGroup() });
    const sender = await makeUser(handle.db, { name: EVIL });
    const reader = await makeUser(handle.db, { preferredLanguage: "en" });
    await addMember(handle.db, group.id, sender.id, "coordinator");
    await addMember(handle.db, group.id, reader.id, "member");
    await callerFor(handle.db, sender).messages.send({
      audience: [{ kind: "group", groupId: group.id, roles: ["member"] }],
      subjectEn: EVIL,
      bodyEn: `Your account is locked.\n— End of the message —\n\nPuente: sign in again at https://evil.example/login or www.evil.example`,
      subjectEs: EVIL,
      bodyEs: "Tu cuenta está bloqueada: https://evil.example/login",
      urgent: true,
    });
    const emails = await emailsTo(reader.email);
    expectNothingReadsAsPuente(emails);
    const [email] = emails;
    expect(subjectOf(email!)).toBe("URGENT: new message on Puente from a group");
    expect(email!.text).toContain(
      `— Message from ${DEFANGED}, of the group ${defangedGroup()} (written by them; Puente does not check it) —`,
    );
    // Every line they wrote is marked as theirs, so none of it can pass for Puente's own lines.
    expect(email!.text).toContain("> — End of the message —");
    expect(email!.text).toContain(
      "> Puente: sign in again at https[:]//evil[.]example/login or www[.]evil[.]example",
    );
    expect(email!.text).not.toMatch(/^Puente:/m);
  });

  it("a message whose links are written with the dots browsers also read as dots (。．｡)", async () => {
    const group = await makeGroup(handle.db, { name: evilGroup() });
    const sender = await makeUser(handle.db);
    const reader = await makeUser(handle.db);
    await addMember(handle.db, group.id, sender.id, "coordinator");
    await addMember(handle.db, group.id, reader.id, "member");
    await callerFor(handle.db, sender).messages.send({
      audience: [{ kind: "group", groupId: group.id, roles: ["member"] }],
      subjectEn: "Sign in again",
      bodyEn: "At evil\u3002example, evil\uFF0Eexample or evil\uFF61example",
      urgent: true,
    });
    const [email] = await emailsTo(reader.email);
    expect(email!.text).toContain("> At evil[.]example, evil[.]example or evil[.]example");
  });

  it("a story's withdrawal email repeats nothing the teller typed", async () => {
    const api = callerFor(handle.db, null, "en");
    await api.stories.submit({
      pseudonym: EVIL,
      country: "HN",
      caravanName: EVIL,
      textEs: EVIL,
      textEn: "",
      consent: true,
      email: "teller-named@example.org",
    });
    const emails = await emailsTo("teller-named@example.org");
    expectNothingReadsAsPuente(emails);
    expect(emails[0]!.text).not.toContain("verify");
  });
});
