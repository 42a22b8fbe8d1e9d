import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groups, jobs, messageDeliveries } from "@/db/schema";
import { runDueJobs } from "../jobs/worker";
import { translator } from "../i18n/messages";
import {
  addMember,
  callerFor,
  makeAction,
  makeCaravan,
  makeGroup,
  makeUser,
} from "../../test-support/factories";
import { setUpDatabase, setUpMailbox } from "../../test-support/setup";
import { attachLiveFeed, type LiveEvent, type LiveFeed } from "./live";
import { statementByCode } from "../signing/statements";

const handle = setUpDatabase();
const mailbox = setUpMailbox();
let feed: LiveFeed;
beforeAll(async () => {
  feed = await attachLiveFeed(handle);
});
afterAll(async () => {
  await feed.close();
});

const text = { subjectEs: "Cierre de la garita", bodyEs: "La garita está cerrada.\nNo vengan hoy." };

/** A group with a coordinator and `n` members. */
async function groupWith(n: number) {
  const db = handle.db;
  const group = await makeGroup(db);
  const coordinator = await makeUser(db);
  await addMember(db, group.id, coordinator.id, "coordinator");
  const members = [];
  for (let i = 0; i < n; i++) {
    const person = await makeUser(db);
    await addMember(db, group.id, person.id, "member");
    members.push(person);
  }
  return { group, coordinator, members };
}

describe("sending a message", () => {
  it("reaches a caravan's delegates from a verified group's coordinator, and from nobody else", async () => {
    const [first, second] = [await makeUser(handle.db), await makeUser(handle.db)];
    const caravan = await makeCaravan(handle.db, { delegateIds: [first.id, second.id] });
    const audience = [{ kind: "caravanDelegates" as const, caravanId: caravan.id }];
    const verified = await groupWith(0);
    const api = callerFor(handle.db, verified.coordinator);
    expect((await api.messages.audienceChoices()).caravans.map((c) => c.id)).toContain(caravan.id);
    expect(await api.messages.count({ audience })).toEqual({ recipients: 2 });
    await api.messages.send({ audience, ...text });
    for (const delegate of [first, second]) {
      const inbox = await callerFor(handle.db, delegate).messages.inbox({});
      expect(inbox.messages.map((m) => m.subjectEs)).toContain(text.subjectEs);
    }

    const unverified = await groupWith(0);
    await handle.db.update(groups).set({ verified: false }).where(eq(groups.id, unverified.group.id));
    await expect(
      callerFor(handle.db, unverified.coordinator).messages.send({ audience, ...text }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      api.messages.count({ audience: [{ kind: "caravanDelegates", caravanId: verified.group.id }] }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("reaches a person in two overlapping groups once, and not the sender", async () => {
    const a = await groupWith(2);
    const b = await makeGroup(handle.db);
    await addMember(handle.db, b.id, a.coordinator.id, "organizer");
    await addMember(handle.db, b.id, a.members[0]!.id, "member");
    const api = callerFor(handle.db, a.coordinator);
    const audience = [
      { kind: "group" as const, groupId: a.group.id, roles: ["coordinator" as const, "member" as const] },
      { kind: "group" as const, groupId: b.id, roles: ["member" as const] },
    ];
    expect(await api.messages.count({ audience })).toEqual({ recipients: 2 });
    const { id, recipients } = await api.messages.send({ audience, ...text });
    expect(recipients).toBe(2);
    const rows = await handle.db
      .select({ userId: messageDeliveries.userId })
      .from(messageDeliveries)
      .where(eq(messageDeliveries.messageId, id));
    expect(rows.map((r) => r.userId).sort()).toEqual(a.members.map((m) => m.id).sort());
    const { messages } = await callerFor(handle.db, a.members[0]!).messages.inbox();
    expect(messages.filter((m) => m.id === id)).toHaveLength(1);
  });

  it("reaches the confirmed or waitlisted volunteers of an action", async () => {
    const { group, coordinator } = await groupWith(0);
    const { action, shift } = await makeAction(handle.db, group.id, { capacity: 1 });
    const first = await makeUser(handle.db);
    const second = await makeUser(handle.db);
    await callerFor(handle.db, first).actions.signUp({ shiftId: shift.id });
    await callerFor(handle.db, second).actions.signUp({ shiftId: shift.id });
    const api = callerFor(handle.db, coordinator);
    const count = (statuses: ("confirmed" | "waitlisted")[]) =>
      api.messages.count({ audience: [{ kind: "action", actionId: action.id, statuses }] });
    expect(await count(["confirmed"])).toEqual({ recipients: 1 });
    expect(await count(["waitlisted"])).toEqual({ recipients: 1 });
    expect(
      await api.messages.count({
        audience: [{ kind: "shift", shiftId: shift.id, statuses: ["confirmed", "waitlisted"] }],
      }),
    ).toEqual({ recipients: 2 });
  });

  it("refuses an audience the sender may not reach, an empty or oversized body, and sends nothing", async () => {
    const mine = await groupWith(1);
    const theirs = await groupWith(1);
    const member = callerFor(handle.db, mine.members[0]!, "es");
    const api = callerFor(handle.db, mine.coordinator);
    const audience = [{ kind: "group" as const, groupId: theirs.group.id, roles: ["member" as const] }];
    await expect(api.messages.send({ audience, ...text })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "audienceNotAllowed",
    });
    const own = [{ kind: "group" as const, groupId: mine.group.id, roles: ["member" as const] }];
    await expect(member.messages.send({ audience: own, ...text })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "audienceNotAllowed",
    });
    await expect(
      api.messages.send({ audience: own, subjectEs: "Hola", bodyEs: "   " }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(
      api.messages.send({ audience: own, subjectEs: "Hola", bodyEs: "x".repeat(10_001) }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const { messages } = await callerFor(handle.db, theirs.members[0]!).messages.inbox();
    expect(messages).toHaveLength(0);
  });

  it("stores HTML and script in a body as text", async () => {
    const { group, coordinator, members } = await groupWith(1);
    const body = "<script>alert(1)</script><img src=x onerror=alert(1)>";
    const { id } = await callerFor(handle.db, coordinator).messages.send({
      audience: [{ kind: "group", groupId: group.id, roles: ["member"] }],
      subjectEn: "Markup",
      bodyEn: body,
    });
    expect((await callerFor(handle.db, members[0]!).messages.get({ messageId: id })).bodyEn).toBe(body);
  });
});

describe("email of a message", () => {
  it("sends exactly one email per recipient who allows it, and every urgent one", async () => {
    const { group, coordinator, members } = await groupWith(3);
    await callerFor(handle.db, members[2]!).messages.setPreferences({ emailMessages: false });
    const api = callerFor(handle.db, coordinator);
    const audience = [{ kind: "group" as const, groupId: group.id, roles: ["member" as const] }];
    await api.messages.send({ audience, subjectEn: "Water at the shelter", bodyEn: "Bring water." });
    await runDueJobs(handle.db);
    await runDueJobs(handle.db); // a second run (another worker) sends nothing more
    const to = (m: { email: string }) => mailbox.received.filter((e) => e.to.includes(m.email)).length;
    expect(members.map(to)).toEqual([1, 1, 0]);
    await api.messages.send({ audience, ...text, urgent: true });
    await runDueJobs(handle.db);
    expect(members.map(to)).toEqual([2, 2, 1]);
    const urgentEmail = mailbox.received.find((e) => e.to.includes(members[2]!.email))!.text;
    expect(urgentEmail).toContain("No vengan hoy.");
    // The urgent one carries its signed statement's code, to check a forwarded copy on /verify.
    const [code] = /[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}/.exec(urgentEmail) ?? [];
    expect(urgentEmail).toContain(`/verify?code=${code}`);
    expect(await statementByCode(handle.db, code!)).toMatchObject({ kind: "message.urgent" });
    const ordinary = mailbox.received.find(
      (e) => e.to.includes(members[0]!.email) && e.text.includes("Bring water"),
    );
    expect(ordinary!.text).not.toContain("/verify");
  });

  it("retries while the SMTP server is down, and sends once it is back", async () => {
    const { group, coordinator, members } = await groupWith(2);
    await mailbox.close();
    const { id } = await callerFor(handle.db, coordinator).messages.send({
      audience: [{ kind: "group", groupId: group.id, roles: ["member"] }],
      ...text,
      urgent: true,
    });
    expect(await runDueJobs(handle.db)).toBe(0);
    const waiting = await handle.db
      .select({ status: messageDeliveries.status, lastError: messageDeliveries.lastError })
      .from(messageDeliveries)
      .where(eq(messageDeliveries.messageId, id));
    expect(waiting.map((d) => d.status)).toEqual(["queued", "queued"]);
    expect(waiting.every((d) => d.lastError)).toBe(true);

    await mailbox.reopen();
    // The backoff has passed.
    await handle.db.update(jobs).set({ runAt: new Date(Date.now() - 1000) });
    await runDueJobs(handle.db);
    for (const m of members) expect(mailbox.received.filter((e) => e.to.includes(m.email))).toHaveLength(1);
    const { deliveries } = await callerFor(handle.db, coordinator).messages.get({ messageId: id });
    expect(deliveries).toMatchObject({ total: 2, emailed: 2, emailSent: 2, failed: 0 });
  });

  it("tells the sender apart that everyone has it in their inbox and that only the email failed", async () => {
    const { group, coordinator, members } = await groupWith(2);
    const asCoordinator = callerFor(handle.db, coordinator, "es");
    const { id } = await asCoordinator.messages.send({
      audience: [{ kind: "group", groupId: group.id, roles: ["member"] }],
      ...text,
      urgent: true,
    });
    await handle.db.update(jobs).set({ doneAt: new Date() });
    await handle.db
      .update(messageDeliveries)
      .set({ status: "failed" })
      .where(eq(messageDeliveries.messageId, id));
    await callerFor(handle.db, members[0]!).messages.markRead({ messageId: id });
    const { deliveries } = await asCoordinator.messages.get({ messageId: id });
    expect(deliveries).toEqual({ total: 2, read: 1, emailed: 2, emailSent: 0, emailQueued: 0, failed: 1 });
    const t = translator("es", "messages");
    expect(t("deliveries", deliveries!)).toBe(
      "2 destinatarios, con el mensaje en su bandeja de Puente: 1 lo leyeron.",
    );
    expect(t("emailDeliveries", deliveries!)).toBe("Por correo, a 2: 0 enviados, 0 esperando, 1 fallidos.");
  });

  it("sends the emails that failed again when the sender retries them, once each", async () => {
    const { group, coordinator, members } = await groupWith(2);
    const asCoordinator = callerFor(handle.db, coordinator);
    const { id } = await asCoordinator.messages.send({
      audience: [{ kind: "group", groupId: group.id, roles: ["member"] }],
      ...text,
      urgent: true,
    });
    // As the queue leaves them once it gives up: failed, their jobs spent.
    await handle.db.update(jobs).set({ doneAt: new Date() });
    await handle.db
      .update(messageDeliveries)
      .set({ status: "failed" })
      .where(eq(messageDeliveries.messageId, id));

    expect(await asCoordinator.messages.retryFailed({ messageId: id })).toEqual({ retried: 2 });
    expect(await runDueJobs(handle.db)).toBe(2);
    for (const m of members) expect(mailbox.received.filter((e) => e.to.includes(m.email))).toHaveLength(1);
    const { deliveries } = await asCoordinator.messages.get({ messageId: id });
    expect(deliveries).toMatchObject({ total: 2, emailed: 2, emailSent: 2, failed: 0 });
  });
});

describe("reading and replying", () => {
  it("lists a co-organizer's message among the sent ones with who sent it, not as theirs", async () => {
    const { group, coordinator } = await groupWith(1);
    const organizer = await makeUser(handle.db, { name: "Kevin O." });
    await addMember(handle.db, group.id, organizer.id, "organizer");
    const { id } = await callerFor(handle.db, coordinator).messages.send({
      audience: [{ kind: "group", groupId: group.id, roles: ["member"] }],
      ...text,
    });
    const theirs = (await callerFor(handle.db, organizer).messages.sent()).find((m) => m.id === id);
    expect(theirs).toMatchObject({ mine: false, senderName: coordinator.name });
    const mine = (await callerFor(handle.db, coordinator).messages.sent()).find((m) => m.id === id);
    expect(mine).toMatchObject({ mine: true });
  });

  it("counts unread, records the read receipt, and threads a reply back to the sender", async () => {
    const { group, coordinator, members } = await groupWith(2);
    const [ana, ben] = members as [(typeof members)[0], (typeof members)[0]];
    const { id } = await callerFor(handle.db, coordinator).messages.send({
      audience: [{ kind: "group", groupId: group.id, roles: ["member"] }],
      ...text,
    });
    const asAna = callerFor(handle.db, ana);
    expect(await asAna.messages.unreadCount()).toEqual({ unread: 1 });
    await asAna.messages.markRead({ messageId: id });
    expect(await asAna.messages.unreadCount()).toEqual({ unread: 0 });
    await asAna.messages.reply({ messageId: id, body: "Entendido, no iremos." });

    const seen = await callerFor(handle.db, coordinator).messages.get({ messageId: id });
    expect(seen.replies.map((r) => r.body)).toEqual(["Entendido, no iremos."]);
    expect(seen.deliveries).toMatchObject({ total: 2, read: 1 });
    // Recipients never see one another's threads.
    expect((await callerFor(handle.db, ben).messages.get({ messageId: id })).replies).toEqual([]);
  });

  it("pages through a long inbox newest first, each message once, messages sent at the same moment included", async () => {
    const reader = await makeUser(handle.db);
    // 70 messages, two at each of 35 moments: the page boundary falls inside a tie.
    await handle.db.execute(sql`with m as (
        insert into messages (audience, subject_es, created_at)
        select '[]'::jsonb, 'Aviso ' || i, timestamptz '2026-11-01 12:00Z' + (i / 2) * interval '1 minute'
        from generate_series(1, 70) i returning id, created_at)
      insert into message_deliveries (message_id, user_id, status, by_email, created_at)
      select id, ${reader.id}, 'sent', false, created_at from m`);
    const api = callerFor(handle.db, reader);
    const seen: { subjectEs: string; createdAt: Date }[] = [];
    let page = await api.messages.inbox({});
    seen.push(...page.messages);
    while (page.next) {
      page = await api.messages.inbox({ before: page.next });
      seen.push(...page.messages);
    }
    expect(new Set(seen.map((m) => m.subjectEs)).size).toBe(70);
    expect(seen).toHaveLength(70);
    const times = seen.map((m) => m.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("refuses a reply to a message one never received", async () => {
    const { group, coordinator } = await groupWith(1);
    const { id } = await callerFor(handle.db, coordinator).messages.send({
      audience: [{ kind: "group", groupId: group.id, roles: ["member"] }],
      ...text,
    });
    const outsider = callerFor(handle.db, await makeUser(handle.db));
    await expect(outsider.messages.reply({ messageId: id, body: "Hola" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "messageNotReceived",
    });
    await expect(outsider.messages.get({ messageId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("pushes a new message and a reply live to the people concerned", async () => {
    const { group, coordinator, members } = await groupWith(1);
    const abort = new AbortController();
    const got: LiveEvent[] = [];
    const listen = async (userId: string) => {
      for await (const event of feed.events(userId, abort.signal)) got.push(event);
    };
    void listen(members[0]!.id);
    void listen(coordinator.id);
    const { id } = await callerFor(handle.db, coordinator).messages.send({
      audience: [{ kind: "group", groupId: group.id, roles: ["member"] }],
      ...text,
    });
    await expect.poll(() => got).toContainEqual({ type: "message", messageId: id, unread: 1 });
    await callerFor(handle.db, members[0]!).messages.reply({ messageId: id, body: "Ok" });
    await expect.poll(() => got.filter((e) => e.type === "reply")).toHaveLength(2);
    abort.abort();
  });
});
