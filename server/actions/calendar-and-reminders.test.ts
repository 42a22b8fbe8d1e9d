import { eq } from "drizzle-orm";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { actions as actionsTable, jobs, shifts, signups } from "@/db/schema";
import { runDueJobs } from "../jobs/worker";
import { callerFor, makeAction, makeGroup, makeUser } from "../../test-support/factories";
import { setUpDatabase, setUpMailbox } from "../../test-support/setup";
import { actionCalendarFile, calendarFeed } from "./calendar";

const handle = setUpDatabase();
const mailbox = setUpMailbox();

describe("a person's calendar feed", () => {
  it("is valid iCalendar listing their confirmed shifts at the right instants, exact place included", async () => {
    const group = await makeGroup(handle.db);
    const { action, shift } = await makeAction(handle.db, group.id, {
      capacity: 1,
      exactLocation: "Plaza Santa Cecilia",
    });
    const other = await makeAction(handle.db, group.id, { capacity: 1 });
    const me = await makeUser(handle.db);
    const api = callerFor(handle.db, me);
    await api.actions.signUp({ shiftId: shift.id });
    await callerFor(handle.db, await makeUser(handle.db)).actions.signUp({ shiftId: other.shift.id });
    await api.actions.signUp({ shiftId: other.shift.id }); // waitlisted: not in the calendar
    const { url } = await api.actions.createCalendarFeed();
    const token = url.split("/calendar/")[1]!;

    const calendar = new ICAL.Component(
      ICAL.parse(await calendarFeed(handle.db, token, "http://puente.test")),
    );
    const events = calendar.getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
    expect(events).toHaveLength(1);
    expect(events[0]!.startDate.toJSDate().getTime()).toBe(action.startsAt.getTime());
    expect(events[0]!.endDate.toJSDate().getTime()).toBe(shift.endsAt.getTime());
    expect(events[0]!.location).toContain("Plaza Santa Cecilia");
    expect(events[0]!.description).toContain("America/Tijuana");
  });

  it("stops working the moment it is revoked", async () => {
    const me = await makeUser(handle.db);
    const api = callerFor(handle.db, me);
    const { url } = await api.actions.createCalendarFeed();
    const token = url.split("/calendar/")[1]!;
    await expect(calendarFeed(handle.db, token, "http://puente.test")).resolves.toContain("BEGIN:VCALENDAR");
    await api.actions.revokeCalendarFeed();
    await expect(calendarFeed(handle.db, token, "http://puente.test")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("an action's calendar file", () => {
  const eventsOf = (file: string) =>
    new ICAL.Component(ICAL.parse(file)).getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));

  it("spans the reader's own shift, not the whole action, and the whole action for anyone else", async () => {
    const group = await makeGroup(handle.db);
    const { action, shift: morning } = await makeAction(handle.db, group.id); // 4 hours
    const [afternoon] = await handle.db
      .insert(shifts)
      .values({
        actionId: action.id,
        role: "Cocina",
        startsAt: morning.endsAt,
        endsAt: new Date(morning.endsAt.getTime() + 4 * 3_600_000),
        capacity: 5,
      })
      .returning();
    await handle.db
      .update(actionsTable)
      .set({ endsAt: afternoon!.endsAt })
      .where(eq(actionsTable.id, action.id));
    const me = callerFor(handle.db, await makeUser(handle.db));
    await me.actions.signUp({ shiftId: morning.id });

    const [mine] = eventsOf(
      actionCalendarFile(await me.actions.get({ actionId: action.id }), "http://puente.test"),
    );
    expect(mine!.startDate.toJSDate().getTime()).toBe(morning.startsAt.getTime());
    expect(mine!.endDate.toJSDate().getTime()).toBe(morning.endsAt.getTime());
    expect(mine!.summary).toContain("Welcome table");

    const stranger = callerFor(handle.db, null);
    const [whole] = eventsOf(
      actionCalendarFile(await stranger.actions.get({ actionId: action.id }), "http://puente.test"),
    );
    expect(whole!.startDate.toJSDate().getTime()).toBe(morning.startsAt.getTime());
    expect(whole!.endDate.toJSDate().getTime()).toBe(afternoon!.endsAt.getTime());
  });
});

describe("reminders", () => {
  it("emails a confirmed volunteer once, from the durable queue, in their language", async () => {
    const group = await makeGroup(handle.db);
    const { shift } = await makeAction(handle.db, group.id, { startsInHours: 20 });
    const me = await makeUser(handle.db, { preferredLanguage: "es", email: "recordatorio@example.org" });
    const signup = await callerFor(handle.db, me).actions.signUp({ shiftId: shift.id });
    const [job] = await handle.db
      .select()
      .from(jobs)
      .where(eq(jobs.dedupeKey, `reminder:${signup.id}`));
    expect(job).toBeTruthy();
    await runDueJobs(handle.db);
    const email = await mailbox.waitFor("recordatorio@example.org");
    expect(email.text).toContain("Te recordamos tu turno");
    // Cancelling and signing up again does not send a second reminder.
    await callerFor(handle.db, me).actions.cancelSignup({ signupId: signup.id });
    await callerFor(handle.db, me).actions.signUp({ shiftId: shift.id });
    await runDueJobs(handle.db);
    expect(mailbox.received.filter((e) => e.to.includes("recordatorio@example.org"))).toHaveLength(1);
  });

  it("is not sent to someone who cancelled before it was due", async () => {
    const group = await makeGroup(handle.db);
    const { shift } = await makeAction(handle.db, group.id, { startsInHours: 20 });
    const me = await makeUser(handle.db, { email: "gone@example.org" });
    const signup = await callerFor(handle.db, me).actions.signUp({ shiftId: shift.id });
    await handle.db.update(signups).set({ status: "cancelled" }).where(eq(signups.id, signup.id));
    await runDueJobs(handle.db);
    expect(mailbox.received.filter((e) => e.to.includes("gone@example.org"))).toHaveLength(0);
    const [job] = await handle.db
      .select()
      .from(jobs)
      .where(eq(jobs.dedupeKey, `reminder:${signup.id}`));
    expect(job!.doneAt).not.toBeNull();
  });

  it("waits in the queue until a day before the shift", async () => {
    const group = await makeGroup(handle.db);
    const { shift } = await makeAction(handle.db, group.id, { startsInHours: 72 });
    const me = await makeUser(handle.db, { email: "later@example.org" });
    const signup = await callerFor(handle.db, me).actions.signUp({ shiftId: shift.id });
    await runDueJobs(handle.db);
    const [job] = await handle.db
      .select()
      .from(jobs)
      .where(eq(jobs.dedupeKey, `reminder:${signup.id}`));
    expect(job!.doneAt).toBeNull();
    expect(job!.runAt.getTime()).toBe(shift.startsAt.getTime() - 24 * 3_600_000);
  });
});
