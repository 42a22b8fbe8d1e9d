import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, caravanReports, jobs, messageDeliveries, sessions, signups } from "@/db/schema";
import { runDueJobs } from "../jobs/worker";
import { createTestDatabase } from "../../test-support/database";
import {
  addMember,
  callerFor,
  makeAction,
  makeCaravan,
  makeGroup,
  makeMessage,
  makeReport,
  makeUser,
} from "../../test-support/factories";
import { scheduleRetentionSweep, sweepRetention } from "./retention";

const DAY = 86_400_000;
let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const later = (days: number) => new Date(Date.now() + days * DAY);

describe("retention clocks", () => {
  it("hide volunteers' contact details from the roster 30 days after the action, not before", async () => {
    const group = await makeGroup(handle.db);
    const { shift } = await makeAction(handle.db, group.id, { startsInHours: 2 });
    const volunteer = await makeUser(handle.db, { phone: "+52 664 123 4567" });
    const { id } = await callerFor(handle.db, volunteer).actions.signUp({
      shiftId: shift.id,
      shareContact: true,
    });
    const shares = async () =>
      (await handle.db.select({ share: signups.shareContact }).from(signups).where(eq(signups.id, id)))[0]!
        .share;

    await sweepRetention(handle.db, later(29));
    expect(await shares()).toBe(true);
    expect((await sweepRetention(handle.db, later(31))).rosterContacts).toBeGreaterThanOrEqual(1);
    expect(await shares()).toBe(false);
  });

  it("delete finished jobs after 30 days, audit events after a year, and expired sessions at once", async () => {
    const person = await makeUser(handle.db);
    await handle.db.insert(jobs).values([
      { kind: "test.done", payload: {}, doneAt: new Date(), dedupeKey: "retention-test-done" },
      { kind: "test.pending", payload: {}, runAt: later(60), dedupeKey: "retention-test-pending" },
    ]);
    await handle.db
      .insert(auditEvents)
      .values({ actorId: person.id, action: "test.event", subjectType: "test" });
    await handle.db.insert(sessions).values([
      { sessionToken: "expired-session", userId: person.id, expires: new Date(Date.now() - 1000) },
      { sessionToken: "live-session", userId: person.id, expires: later(30) },
    ]);
    const keys = async () => (await handle.db.select({ key: jobs.dedupeKey }).from(jobs)).map((j) => j.key);

    await sweepRetention(handle.db, new Date());
    expect(await keys()).toEqual(expect.arrayContaining(["retention-test-done", "retention-test-pending"]));
    expect((await handle.db.select().from(sessions)).map((s) => s.sessionToken)).toEqual(["live-session"]);

    await sweepRetention(handle.db, later(31));
    expect(await keys()).not.toContain("retention-test-done");
    expect(await keys()).toContain("retention-test-pending"); // not done: never swept
    const testEvents = () => handle.db.select().from(auditEvents).where(eq(auditEvents.action, "test.event"));
    expect(await testEvents()).toHaveLength(1);

    await sweepRetention(handle.db, later(366));
    expect(await testEvents()).toHaveLength(0);
  });

  it("keep only the region of a caravan report's position after 14 days, and its place and headcount", async () => {
    const caravan = await makeCaravan(handle.db);
    const { report } = await makeReport(handle.db, caravan.id, {
      latitudeTenths: 171,
      longitudeTenths: -967,
      headcount: 640,
    });
    const stored = async () =>
      (await handle.db.select().from(caravanReports).where(eq(caravanReports.id, report.id)))[0]!;

    await sweepRetention(handle.db, later(13));
    expect(await stored()).toMatchObject({ latitudeTenths: 171, longitudeTenths: -967 });
    await sweepRetention(handle.db, later(15));
    // Oaxaca is in the "south" region, whose point is [-97.8, 17.4].
    expect(await stored()).toMatchObject({ latitudeTenths: 174, longitudeTenths: -978, headcount: 640 });
    expect((await sweepRetention(handle.db, later(16))).caravanPositions).toBe(0); // nothing left to blur
  });

  it("forget mail servers' error answers on deliveries after 30 days, keeping the delivery", async () => {
    const group = await makeGroup(handle.db);
    const [sender, reader] = [await makeUser(handle.db), await makeUser(handle.db)];
    await addMember(handle.db, group.id, sender.id, "coordinator");
    await addMember(handle.db, group.id, reader.id, "member");
    const message = await makeMessage(handle.db, sender, [
      { kind: "group", groupId: group.id, roles: ["member"] },
    ]);
    await handle.db
      .update(messageDeliveries)
      .set({ status: "failed", lastError: `550 <${reader.email}> mailbox unavailable` })
      .where(eq(messageDeliveries.messageId, message.id));
    const delivery = async () =>
      (
        await handle.db.select().from(messageDeliveries).where(eq(messageDeliveries.messageId, message.id))
      )[0]!;

    await sweepRetention(handle.db, later(29));
    expect((await delivery()).lastError).toContain("550");
    await sweepRetention(handle.db, later(31));
    expect(await delivery()).toMatchObject({ lastError: null, status: "failed" });
  });

  it("run daily from the job queue, once per day whichever server asks, and leave a record of what they removed", async () => {
    await scheduleRetentionSweep(handle.db);
    await scheduleRetentionSweep(handle.db); // a second app server starting the same day
    const queued = await handle.db
      .select({ runAt: jobs.runAt })
      .from(jobs)
      .where(sql`${jobs.kind} = 'retention.sweep' and ${jobs.doneAt} is null`);
    expect(queued).toHaveLength(1);
    await runDueJobs(handle.db);
    const next = await handle.db
      .select({ runAt: jobs.runAt })
      .from(jobs)
      .where(sql`${jobs.kind} = 'retention.sweep' and ${jobs.doneAt} is null`);
    expect(next).toHaveLength(1);
    expect(next[0]!.runAt.getTime()).toBeGreaterThan(Date.now());
    const admin = await makeUser(handle.db, { isAdmin: true });
    const overview = await callerFor(handle.db, admin).retention.clocks();
    expect(overview.clocks.map((c) => [c.key, c.days])).toEqual([
      ["rosterContacts", 30],
      ["caravanPositions", 14],
      ["jobLog", 30],
      ["smsTexts", 30],
      ["auditLog", 365],
      ["expiredSignIns", 0],
    ]);
    expect(overview.lastSweep?.removed).toHaveProperty("rosterContacts");
  });
});
