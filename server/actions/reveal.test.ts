import { and, eq } from "drizzle-orm";
import ICAL from "ical.js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { memberships } from "@/db/schema";
import { runDueJobs } from "../jobs/worker";
import { addMember, callerFor, makeAction, makeGroup, makeUser } from "../../test-support/factories";
import { setUpDatabase, setUpMailbox } from "../../test-support/setup";
import { calendarFeed } from "./calendar";
import { sendShiftReminder } from "./notifications";
import { exactPlaceFor, revealTime } from "./reveal";

const HOUR = 3_600_000;
const SPOT = "Bodega azul detrás de la gasolinera, Calle 8";

const handle = setUpDatabase();
const mailbox = setUpMailbox();
afterEach(() => vi.useRealTimers());

/** Moves the clock the app reads (Date only: the database and timers keep real time). */
const at = (when: Date) => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(when);
};

/** A members-only action of a verified group, with a confirmed volunteer, an organizer and a member who did not sign up. */
async function membersOnlyAction(startsInHours: number, capacity = 1) {
  const group = await makeGroup(handle.db);
  const [volunteer, organizer, bystander] = [
    await makeUser(handle.db, { preferredLanguage: "es" }),
    await makeUser(handle.db),
    await makeUser(handle.db),
  ];
  await addMember(handle.db, group.id, volunteer.id, "member");
  await addMember(handle.db, group.id, organizer.id, "organizer");
  await addMember(handle.db, group.id, bystander.id, "member");
  const { action, shift } = await makeAction(handle.db, group.id, {
    visibility: "members",
    exactLocation: SPOT,
    startsInHours,
    capacity,
  });
  await callerFor(handle.db, volunteer).actions.signUp({ shiftId: shift.id });
  const seen = async (who: typeof volunteer) =>
    callerFor(handle.db, who).actions.get({ actionId: action.id });
  return { group, action, shift, volunteer, organizer, bystander, seen };
}

describe("the exact spot of a members-only action", () => {
  it("is hidden from its confirmed volunteer until 12 hours before the start, with the time it will show", async () => {
    const { action, volunteer, organizer, bystander, seen } = await membersOnlyAction(30);
    const mine = await seen(volunteer);
    expect(mine.exactLocation).toBeNull();
    expect(mine.revealsAt?.getTime()).toBe(action.startsAt.getTime() - 12 * HOUR);
    expect(JSON.stringify(mine)).not.toContain("Bodega azul");
    expect((await seen(organizer)).exactLocation).toBe(SPOT);
    expect(await seen(bystander)).toMatchObject({ exactLocation: null, revealsAt: null });
  });

  it("shows to confirmed volunteers inside the window, and to nobody once the action has ended", async () => {
    const { action, volunteer, organizer, bystander, seen } = await membersOnlyAction(30);
    at(new Date(action.startsAt.getTime() - 11 * HOUR));
    expect((await seen(volunteer)).exactLocation).toBe(SPOT);
    expect((await seen(bystander)).exactLocation).toBeNull();

    at(new Date(action.endsAt.getTime() + 60_000));
    expect((await seen(volunteer)).exactLocation).toBeNull();
    expect((await seen(organizer)).exactLocation).toBeNull();
  });

  it("is emailed to confirmed volunteers who are still members, once, at the reveal time", async () => {
    // Starts in 11 hours: its reveal time (12 hours before) has passed, so the job is due now.
    const { group, action, shift, volunteer } = await membersOnlyAction(11, 2);
    const removed = await makeUser(handle.db);
    const waitlisted = await makeUser(handle.db);
    await addMember(handle.db, group.id, removed.id, "member");
    await addMember(handle.db, group.id, waitlisted.id, "member");
    await callerFor(handle.db, removed).actions.signUp({ shiftId: shift.id }); // the second place
    await callerFor(handle.db, waitlisted).actions.signUp({ shiftId: shift.id }); // waitlisted
    // Removed from the group after signing up: no longer vetted, so never told the spot.
    await handle.db
      .update(memberships)
      .set({ status: "removed" })
      .where(and(eq(memberships.groupId, group.id), eq(memberships.userId, removed.id)));

    await runDueJobs(handle.db); // the fan-out
    await runDueJobs(handle.db); // the emails
    await runDueJobs(handle.db); // nothing more
    // (The day-before reminder is also due: it starts in 11 hours. Count the reveal emails only.)
    await mailbox.waitFor(volunteer.email);
    const reveals = mailbox.received.filter(
      (e) => e.to.includes(volunteer.email) && e.text.includes("no lo compartas"),
    );
    expect(reveals).toHaveLength(1);
    expect(reveals[0]!.text).toContain(SPOT);
    expect(reveals[0]!.text).toContain(action.title);
    expect(mailbox.received.some((e) => e.to.includes(waitlisted.email) && e.text.includes(SPOT))).toBe(
      false,
    );
    // Nor anything else about the action: not even the reminder of the place they once had.
    expect(mailbox.received.some((e) => e.to.includes(removed.email))).toBe(false);
  });

  it("is not in the 24-hour reminder or the calendar feed before its time, and is after", async () => {
    const { action, volunteer } = await membersOnlyAction(24);
    const mine = await callerFor(handle.db, volunteer).actions.get({ actionId: action.id });
    await sendShiftReminder(handle.db, { signupId: mine.mySignups[0]!.id });
    const reminder = await mailbox.waitFor(volunteer.email);
    expect(reminder.text).not.toContain("Bodega azul");
    expect(reminder.text).toContain("lugar exacto");

    const { url } = await callerFor(handle.db, volunteer).actions.createCalendarFeed();
    const token = url.split("/calendar/")[1]!;
    const location = async () =>
      new ICAL.Event(
        new ICAL.Component(ICAL.parse(await calendarFeed(handle.db, token, "http://puente.test")))
          .getAllSubcomponents("vevent")
          .at(0)!,
      ).location;
    expect(await location()).not.toContain("Bodega azul");
    at(new Date(revealTime(action).getTime() + 60_000));
    expect(await location()).toContain("Bodega azul");
  });

  it("follows one rule for every viewer and time (checked at the edges of the window)", () => {
    const startsAt = new Date("2026-12-01T16:00:00Z");
    const action = {
      visibility: "members" as const,
      exactLocation: SPOT,
      startsAt,
      endsAt: new Date("2026-12-01T20:00:00Z"),
      revealHoursBefore: 6,
    };
    const justBefore = new Date("2026-12-01T09:59:59Z");
    const opening = new Date("2026-12-01T10:00:00Z");
    const ending = new Date("2026-12-01T20:00:00Z");
    expect(exactPlaceFor(action, "confirmed", justBefore)).toEqual({
      exactLocation: null,
      revealsAt: opening,
    });
    expect(exactPlaceFor(action, "confirmed", opening).exactLocation).toBe(SPOT);
    expect(exactPlaceFor(action, "confirmed", ending).exactLocation).toBeNull();
    expect(exactPlaceFor(action, "organizer", justBefore).exactLocation).toBe(SPOT);
    expect(exactPlaceFor(action, "other", opening).exactLocation).toBeNull();
    expect(exactPlaceFor({ ...action, visibility: "public" }, "other", justBefore).exactLocation).toBe(SPOT);
  });
});
