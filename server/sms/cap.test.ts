// The daily SMS cap per group (SMS_DAILY_CAP_PER_GROUP) and the volume admins read, against a real
// SMSC in this process and the real database: a fan-out stops at the cap exactly, even with two
// workers at once; the rest fail with the reason and are never sent later; another group's texts
// still go; the next day the count starts again; a caravan's message is billed to the caravans line.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { jobs, phoneNumbers, smsDeliveries } from "@/db/schema";
import { runDueJobs } from "../jobs/worker";
import { createTestDatabase } from "../../test-support/database";
import {
  addMember,
  callerFor,
  makeCaravan,
  makeGroup,
  makeUser,
  personInGroup,
} from "../../test-support/factories";
import { captureOutput } from "../../test-support/output";
import { startSmsc, type TestSmsc } from "../../test-support/smpp-server";
import { startSms, stopSms } from "./sms";

const CAP = 5;
let handle: DatabaseHandle;
let smsc: TestSmsc;
beforeAll(async () => {
  handle = await createTestDatabase();
  smsc = await startSmsc();
  process.env.SMS_URL = smsc.url;
  process.env.SMS_RATE = "0";
  process.env.SMS_DAILY_CAP_PER_GROUP = String(CAP);
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
  delete process.env.SMS_DAILY_CAP_PER_GROUP;
});

let numbers = 0;
/** A new valid Mexican mobile number (Mexicali, 686), different each time. */
const newNumber = () => `+52686${String(2_000_000 + ++numbers * 7919).padStart(7, "0")}`;
const digits = (e164: string) => e164.slice(1);

async function personWithPhone() {
  const person = await makeUser(handle.db, { preferredLanguage: "es" });
  const e164 = newNumber();
  await handle.db.insert(phoneNumbers).values({ userId: person.id, e164, smsMessages: "all" });
  return { ...person, e164 };
}

/** A group whose `size` members all take every message by SMS, and its coordinator's API. */
async function groupWithPhones(size: number) {
  const group = await makeGroup(handle.db);
  const coordinator = await makeUser(handle.db);
  await addMember(handle.db, group.id, coordinator.id, "coordinator");
  const people: Awaited<ReturnType<typeof personWithPhone>>[] = [];
  for (let i = 0; i < size; i++) {
    const person = await personWithPhone();
    await addMember(handle.db, group.id, person.id, "member");
    people.push(person);
  }
  const api = callerFor(handle.db, coordinator);
  const send = (bodyEs: string, urgent = false) =>
    api.messages.send({
      audience: [{ kind: "group", groupId: group.id, roles: ["member"] }],
      subjectEs: "Aviso",
      bodyEs,
      urgent,
    });
  /** Texts the SMSC took for this group's members (segments joined). */
  const texts = () => people.flatMap((p) => smsc.textsTo(p.e164));
  return { group, people, api, send, texts };
}

/** Two workers at once, as two app servers would run them (on PGlite, they take turns). */
const twoWorkers = () => Promise.all([runDueJobs(handle.db, 3), runDueJobs(handle.db, 3)]);

const deliveriesOf = (messageId: string) =>
  handle.db
    .select({ e164: smsDeliveries.e164, status: smsDeliveries.status, reason: smsDeliveries.reason })
    .from(smsDeliveries)
    .where(eq(smsDeliveries.messageId, messageId));

/** Moves everything counted so far to yesterday (UTC), as if the day had passed. */
async function aDayPasses() {
  // An earlier day's passing left yesterday's counters: they are history now.
  await handle.db.execute(sql`delete from rate_limits
    where key like 'sms-cap:%' and key like '%' || to_char((now() - interval '1 day') at time zone 'UTC', 'YYYY-MM-DD')`);
  await handle.db.execute(sql`update rate_limits set key = regexp_replace(key, '[0-9-]+$',
      to_char((now() - interval '1 day') at time zone 'UTC', 'YYYY-MM-DD'))
    where key like 'sms-cap:%' and key like '%' || to_char(now() at time zone 'UTC', 'YYYY-MM-DD')`);
  await handle.db.execute(sql`update sms_deliveries set created_at = created_at - interval '1 day',
    sent_at = sent_at - interval '1 day'`);
}

describe("the daily cap per group", () => {
  it("stops a fan-out at the cap exactly, with two workers; the rest fail with the reason; another group's texts go", async () => {
    const capped = await groupWithPhones(9);
    const other = await groupWithPhones(3);
    const output = captureOutput();
    let logged: string;
    let id: string;
    try {
      // One segment each (GSM-7): the cap of 5 segments is 5 texts.
      ({ id } = await capped.send("Traigan agua a la plaza."));
      await other.send("Reunion a las 8.");
      await twoWorkers();
      logged = output.text();
    } finally {
      output.restore();
    }
    expect(capped.texts()).toHaveLength(CAP);
    expect(other.texts()).toHaveLength(3);

    const rows = await deliveriesOf(id);
    expect(rows.filter((r) => r.status === "sent")).toHaveLength(CAP);
    expect(rows.filter((r) => r.status === "failed")).toEqual(
      Array.from({ length: 9 - CAP }, () => expect.objectContaining({ reason: "daily cap" })),
    );
    // The sender sees why, apart from the carriers' failures.
    expect((await capped.api.messages.get({ messageId: id })).sms).toMatchObject({
      total: 9,
      sent: CAP,
      failed: 9 - CAP,
      capped: 9 - CAP,
    });
    // Said once in the log, with no number and no text.
    expect(logged.match(/SMS daily cap reached/g)).toHaveLength(1);
    for (const p of capped.people) expect(logged).not.toContain(digits(p.e164));
    expect(logged).not.toContain("Traigan agua");

    // Nothing is left to retry: not by these workers, not tomorrow.
    const left = await handle.db
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.kind, "message.sms"), isNull(jobs.doneAt)));
    expect(left).toEqual([]);
    await aDayPasses();
    await twoWorkers();
    expect(capped.texts()).toHaveLength(CAP);
  });

  it("counts segments, not texts, and urgent messages too", async () => {
    const { send, texts } = await groupWithPhones(4);
    // UCS-2 ("á" is not in GSM-7) and, with who wrote it, between 70 and 134 characters: 2 segments each, so
    // 2 texts fit in 5.
    const { id } = await send("¿Quién podrá llevar agua al albergue? Necesitamos coches.", true);
    await twoWorkers();
    expect(texts()).toHaveLength(2);
    const rows = await handle.db
      .select({ segments: smsDeliveries.segments, status: smsDeliveries.status })
      .from(smsDeliveries)
      .where(eq(smsDeliveries.messageId, id));
    expect(rows.filter((r) => r.status === "sent").map((r) => r.segments)).toEqual([2, 2]);
    expect(rows.filter((r) => r.status === "failed")).toHaveLength(2);
  });

  it("starts again the next day (UTC)", async () => {
    const { send, texts } = await groupWithPhones(7);
    await send("Primer aviso.");
    await runDueJobs(handle.db);
    expect(texts()).toHaveLength(CAP);
    await send("Segundo aviso, el mismo dia.");
    await runDueJobs(handle.db);
    expect(texts()).toHaveLength(CAP);

    await aDayPasses();
    await send("Tercer aviso, al dia siguiente.");
    await runDueJobs(handle.db);
    expect(texts()).toHaveLength(2 * CAP);
    expect(texts().filter((t) => t.includes("Tercer aviso"))).toHaveLength(CAP);
  });

  it("gives back the segments of texts that did not go, so a provider outage costs none of the cap", async () => {
    const { send, texts, people } = await groupWithPhones(CAP);
    await smsc.down();
    await send("Cambio de punto.");
    await runDueJobs(handle.db);
    expect(texts()).toEqual([]);
    const binds = smsc.binds;
    await smsc.up();
    const deadline = Date.now() + 10_000;
    while (smsc.binds === binds && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await handle.db
      .update(jobs)
      .set({ runAt: new Date(Date.now() - 1000) })
      .where(isNull(jobs.doneAt));
    await runDueJobs(handle.db);
    expect(texts()).toHaveLength(CAP);
    const statuses = await handle.db
      .select({ status: smsDeliveries.status })
      .from(smsDeliveries)
      .where(
        inArray(
          smsDeliveries.e164,
          people.map((p) => p.e164),
        ),
      );
    expect(statuses.map((s) => s.status)).toEqual(Array.from({ length: CAP }, () => "sent"));
    // And the cap is then used up, exactly.
    await send("Otro aviso.");
    await runDueJobs(handle.db);
    expect(texts()).toHaveLength(CAP);
  });

  it("bills a caravan's message, which names no group, to the caravans line", async () => {
    const delegate = await makeUser(handle.db);
    const caravan = await makeCaravan(handle.db, { delegateIds: [delegate.id] });
    const { group, person } = await personInGroup(handle.db, "coordinator");
    await handle.db.insert(phoneNumbers).values({ userId: person.id, e164: newNumber(), smsMessages: "all" });
    await callerFor(handle.db, delegate).messages.send({
      audience: [{ kind: "groupCoordinators", caravanId: caravan.id, groupId: group.id }],
      subjectEs: "Llegamos",
      bodyEs: "Somos 900.",
      urgent: false,
    });
    await runDueJobs(handle.db);
    const admin = callerFor(handle.db, await makeUser(handle.db, { isAdmin: true }));
    const { rows } = await admin.sms.volume();
    expect(rows.filter((r) => r.group?.id === group.id)).toEqual([]);
    expect(rows.find((r) => r.group === null)).toMatchObject({ texts: 1, segments: 1, failed: 0 });
  });
});

describe("the SMS volume, for admins", () => {
  it("counts texts, segments, delivered and failed per group and day, with the cap, and only for admins", async () => {
    const { group, send, people } = await groupWithPhones(7);
    const { id } = await send("Hay agua en la plaza.");
    await runDueJobs(handle.db);
    const sentTo = people.filter((p) => smsc.textsTo(p.e164).length === 1);
    expect(sentTo).toHaveLength(CAP);
    const idOf = (p: { e164: string }) => smsc.submitted.find((s) => s.to === digits(p.e164))!.messageId;
    await smsc.sendReceipt(idOf(sentTo[0]!), "DELIVRD");
    await smsc.sendReceipt(idOf(sentTo[1]!), "DELIVRD");
    await smsc.sendReceipt(idOf(sentTo[2]!), "UNDELIV", "001");
    const admin = callerFor(handle.db, await makeUser(handle.db, { isAdmin: true }));
    const today = new Date().toISOString().slice(0, 10);
    const deadline = Date.now() + 10_000;
    const row = async () => (await admin.sms.volume()).rows.find((r) => r.group?.id === group.id);
    while ((await row())?.delivered !== 2 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    const volume = await admin.sms.volume();
    expect(volume).toMatchObject({ cap: CAP, days: 14 });
    expect(await row()).toEqual({
      day: today,
      group: { id: group.id, name: group.name, slug: group.slug },
      texts: 7,
      segments: CAP,
      delivered: 2,
      // One the carrier refused (still billed: its segment counts), two over the cap.
      failed: 3,
      capped: 2,
    });
    expect((await deliveriesOf(id)).filter((d) => d.reason === "daily cap")).toHaveLength(2);

    // Yesterday's texts are on yesterday's row.
    await aDayPasses();
    const moved = (await admin.sms.volume()).rows.filter((r) => r.group?.id === group.id);
    expect(moved.map((r) => r.day)).toEqual([new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)]);

    const member = await makeUser(handle.db);
    await expect(callerFor(handle.db, member).sms.volume()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(handle.db, null).sms.volume()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
