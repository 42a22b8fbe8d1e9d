// Past actions become `done` from the job queue (issue 21): the lists of upcoming actions stay the
// same, and a done action keeps its page, its volunteers and its week in their calendar feeds.
import ICAL from "ical.js";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { actions, jobs } from "@/db/schema";
import { runDueJobs } from "../jobs/worker";
import {
  addMember,
  callerFor,
  formTimes,
  makeAction,
  makeUser,
  personInGroup,
} from "../../test-support/factories";
import { setUpDatabase } from "../../test-support/setup";
import { calendarFeed } from "./calendar";
import { FINISH_EVERY_MS, FINISH_JOB, finishPastActions, scheduleActionFinishing } from "./finishing";

const handle = setUpDatabase();
const HOUR = 3_600_000;

/** Moves an action and its shift `hours` into the past, as if time had passed since signups. */
async function endedHoursAgo(actionId: string, hours: number) {
  const by = `${hours + 4} hours`;
  await handle.db.execute(
    sql`update shifts set starts_at = starts_at - ${by}::interval - interval '48 hours', ends_at = ends_at - ${by}::interval - interval '48 hours' where action_id = ${actionId}`,
  );
  await handle.db.execute(
    sql`update actions set starts_at = starts_at - ${by}::interval - interval '48 hours', ends_at = ends_at - ${by}::interval - interval '48 hours' where id = ${actionId}`,
  );
}

const statusOf = async (id: string) =>
  (await handle.db.select({ status: actions.status }).from(actions).where(eq(actions.id, id)))[0]!.status;

describe("past actions", () => {
  it("become done from the queue's periodic job, stay readable with their signups, and the lists do not change", async () => {
    const { group } = await personInGroup(handle.db, "organizer");
    const past = await makeAction(handle.db, group.id, { capacity: 1 });
    const upcoming = await makeAction(handle.db, group.id);
    const rosa = await makeUser(handle.db);
    const api = callerFor(handle.db, rosa);
    await api.actions.signUp({ shiftId: past.shift.id });
    await callerFor(handle.db, await makeUser(handle.db)).actions.signUp({ shiftId: past.shift.id }); // waitlisted
    const { url } = await api.actions.createCalendarFeed();
    const token = url.split("/calendar/")[1]!;
    await endedHoursAgo(past.action.id, 2);
    const publicList = async () =>
      (await callerFor(handle.db, null).actions.list({ groupId: group.id })).actions.map((a) => a.id);
    const listedBefore = await publicList();
    expect(listedBefore).toEqual([upcoming.action.id]);

    // Two app servers starting in the same quarter hour queue one run.
    await scheduleActionFinishing(handle.db);
    await scheduleActionFinishing(handle.db);
    const queued = await handle.db
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.kind, FINISH_JOB), sql`${jobs.doneAt} is null`));
    expect(queued).toHaveLength(1);
    await runDueJobs(handle.db);

    expect(await statusOf(past.action.id)).toBe("done");
    expect(await statusOf(upcoming.action.id)).toBe("scheduled");
    // The next run is queued for the next quarter hour, once.
    const next = await handle.db
      .select({ runAt: jobs.runAt })
      .from(jobs)
      .where(and(eq(jobs.kind, FINISH_JOB), sql`${jobs.doneAt} is null`));
    expect(next).toHaveLength(1);
    expect(next[0]!.runAt.getTime() % FINISH_EVERY_MS).toBe(0);
    expect(next[0]!.runAt.getTime()).toBeGreaterThan(Date.now());

    // Readers see what they saw before.
    expect(await publicList()).toEqual(listedBefore);
    const page = await api.actions.get({ actionId: past.action.id });
    expect(page).toMatchObject({ status: "done", isOpen: false });
    expect(page.mySignups.map((s) => s.status)).toEqual(["confirmed"]);
    const organizerApi = callerFor(handle.db, (await personInGroupOf(group.id)).person);
    expect(
      (await organizerApi.actions.roster({ actionId: past.action.id })).map((r) => r.status).sort(),
    ).toEqual(["confirmed", "waitlisted"]);
    const events = new ICAL.Component(ICAL.parse(await calendarFeed(handle.db, token, "http://puente.test")))
      .getAllSubcomponents("vevent")
      .map((e) => new ICAL.Event(e));
    expect(events.map((e) => e.startDate.toJSDate().getTime())).toContain(
      (await handle.db.select().from(actions).where(eq(actions.id, past.action.id)))[0]!.startsAt.getTime(),
    );
    // Nobody signs up for it, and it is said to be over, not cancelled.
    await expect(
      callerFor(handle.db, await makeUser(handle.db)).actions.signUp({ shiftId: past.shift.id }),
    ).rejects.toMatchObject({ message: "shiftOver" });
    // Organizers still mark who came.
    const rosaSignup = page.mySignups[0]!;
    await expect(
      organizerApi.actions.checkIn({ signupId: rosaSignup.id, attended: true }),
    ).resolves.toMatchObject({
      status: "attended",
    });
  });

  it("is idempotent, and an ended action an organizer moves ahead is scheduled again", async () => {
    const { group, api } = await personInGroup(handle.db, "organizer");
    const { action } = await makeAction(handle.db, group.id);
    await endedHoursAgo(action.id, 1);
    expect(await finishPastActions(handle.db)).toBeGreaterThanOrEqual(1);
    expect(await finishPastActions(handle.db)).toBe(0);
    expect(await statusOf(action.id)).toBe("done");

    // Its end moved a day ahead (its shift, in the past, stays inside it).
    const [ended] = await handle.db.select().from(actions).where(eq(actions.id, action.id));
    const endsAt = new Date(Date.now() + 24 * HOUR);
    endsAt.setUTCSeconds(0, 0);
    await api.actions.update({
      actionId: action.id,
      details: {
        title: ended!.title,
        kind: ended!.kind,
        description: "",
        placeName: ended!.placeName,
        exactLocation: "",
        timeZone: "America/Tijuana",
        ...formTimes({ ...ended!, endsAt }).action,
        visibility: "public",
      },
    });
    expect(await statusOf(action.id)).toBe("scheduled");
  });
});

/** Another organizer of `groupId`. */
async function personInGroupOf(groupId: string) {
  const person = await makeUser(handle.db);
  await addMember(handle.db, groupId, person.id, "organizer");
  return { person };
}
