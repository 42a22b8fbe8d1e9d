import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { jobs, shifts, signups } from "@/db/schema";
import { createTestDatabase } from "../../test-support/database";
import {
  addMember,
  callerFor,
  formTimes,
  makeAction,
  makeGroup,
  makeUser,
} from "../../test-support/factories";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

async function people(n: number) {
  return Promise.all(Array.from({ length: n }, () => makeUser(handle.db)));
}

describe("signing up for a shift", () => {
  it("confirms people up to capacity, then waitlists them with their place in line", async () => {
    const group = await makeGroup(handle.db);
    const { shift } = await makeAction(handle.db, group.id, { capacity: 2 });
    const [a, b, c, d] = await people(4);
    const results = [];
    for (const person of [a, b, c, d]) {
      results.push(await callerFor(handle.db, person!).actions.signUp({ shiftId: shift.id }));
    }
    expect(results.map((r) => [r.status, r.position])).toEqual([
      ["confirmed", null],
      ["confirmed", null],
      ["waitlisted", 1],
      ["waitlisted", 2],
    ]);
    const {
      shifts: [seen],
    } = await callerFor(handle.db, a!).actions.get({ actionId: shift.actionId });
    expect(seen).toMatchObject({ capacity: 2, confirmedCount: 2, waitlisted: 2 });
  });

  it("the action page counts the people waiting for each shift", async () => {
    const group = await makeGroup(handle.db);
    const { action, shift } = await makeAction(handle.db, group.id, { capacity: 1 });
    for (const person of await people(3))
      await callerFor(handle.db, person).actions.signUp({ shiftId: shift.id });
    const page = await callerFor(handle.db, null).actions.get({ actionId: action.id });
    expect(page.shifts.map((s) => [s.confirmedCount, s.waitlisted])).toEqual([[1, 2]]);
  });

  it("signing up twice returns the same signup and keeps one row", async () => {
    const group = await makeGroup(handle.db);
    const { shift } = await makeAction(handle.db, group.id);
    const [me] = await people(1);
    const api = callerFor(handle.db, me!);
    const first = await api.actions.signUp({ shiftId: shift.id });
    const second = await api.actions.signUp({ shiftId: shift.id });
    expect(second).toEqual(first);
    expect(await handle.db.select().from(signups).where(eq(signups.shiftId, shift.id))).toHaveLength(1);
  });

  it("promotes the first person waiting when a confirmed person cancels, and schedules their email", async () => {
    const group = await makeGroup(handle.db);
    const { shift } = await makeAction(handle.db, group.id, { capacity: 1 });
    const [first, second, third] = await people(3);
    const mine = await callerFor(handle.db, first!).actions.signUp({ shiftId: shift.id });
    const waiting = await callerFor(handle.db, second!).actions.signUp({ shiftId: shift.id });
    await callerFor(handle.db, third!).actions.signUp({ shiftId: shift.id });
    await callerFor(handle.db, first!).actions.cancelSignup({ signupId: mine.id });
    const [promoted] = await handle.db.select().from(signups).where(eq(signups.id, waiting.id));
    expect(promoted).toMatchObject({ status: "confirmed" });
    expect(promoted!.promotedAt).not.toBeNull();
    const [third_] = await handle.db
      .select()
      .from(signups)
      .where(and(eq(signups.shiftId, shift.id), eq(signups.userId, third!.id)));
    expect(third_!.status).toBe("waitlisted");
    const queued = await handle.db.select().from(jobs).where(eq(jobs.kind, "signup.promoted"));
    expect(queued.map((j) => j.payload.signupId)).toContain(waiting.id);
    const [row] = await handle.db.select().from(shifts).where(eq(shifts.id, shift.id));
    expect(row!.confirmedCount).toBe(1);
  });

  it("fills new places from the waitlist when capacity grows, and refuses a capacity below the confirmed", async () => {
    const group = await makeGroup(handle.db);
    const organizer = await makeUser(handle.db);
    await addMember(handle.db, group.id, organizer.id, "organizer");
    const { shift, action } = await makeAction(handle.db, group.id, { capacity: 2 });
    for (const person of await people(4))
      await callerFor(handle.db, person).actions.signUp({ shiftId: shift.id });
    const api = callerFor(handle.db, organizer);
    const edit = {
      shiftId: shift.id,
      role: "Welcome table",
      ...formTimes(action).shift,
    };
    await expect(api.actions.updateShift({ ...edit, capacity: 1 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await api.actions.updateShift({ ...edit, capacity: 3 })).toMatchObject({ promoted: 1 });
    const confirmed = await handle.db
      .select()
      .from(signups)
      .where(and(eq(signups.shiftId, shift.id), eq(signups.status, "confirmed")));
    expect(confirmed).toHaveLength(3);
  });

  it("refuses signups to a cancelled action, and to a shift that is over", async () => {
    const group = await makeGroup(handle.db);
    const organizer = await makeUser(handle.db);
    await addMember(handle.db, group.id, organizer.id, "coordinator");
    const { action, shift } = await makeAction(handle.db, group.id);
    const past = await makeAction(handle.db, group.id, { startsInHours: -10 });
    const [me] = await people(1);
    await expect(callerFor(handle.db, me!).actions.signUp({ shiftId: past.shift.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await callerFor(handle.db, organizer).actions.cancel({ actionId: action.id });
    await expect(callerFor(handle.db, me!).actions.signUp({ shiftId: shift.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await handle.db.select().from(signups).where(eq(signups.userId, me!.id))).toEqual([]);
  });

  it("gives nobody a place on a cancelled action: not when a volunteer leaves, nor when capacity grows", async () => {
    const group = await makeGroup(handle.db);
    const organizer = await makeUser(handle.db);
    await addMember(handle.db, group.id, organizer.id, "organizer");
    const { action, shift } = await makeAction(handle.db, group.id, { capacity: 1 });
    const [first, second, third] = await people(3);
    const mine = await callerFor(handle.db, first!).actions.signUp({ shiftId: shift.id });
    await callerFor(handle.db, second!).actions.signUp({ shiftId: shift.id });
    await callerFor(handle.db, third!).actions.signUp({ shiftId: shift.id });
    const api = callerFor(handle.db, organizer);
    await api.actions.cancel({ actionId: action.id });

    await callerFor(handle.db, first!).actions.cancelSignup({ signupId: mine.id });
    await api.actions.updateShift({
      shiftId: shift.id,
      role: "Welcome table",
      ...formTimes(action).shift,
      capacity: 5,
    });
    const rows = await handle.db.select().from(signups).where(eq(signups.shiftId, shift.id));
    expect(rows.filter((r) => r.status === "confirmed")).toEqual([]);
    expect(rows.filter((r) => r.promotedAt !== null)).toEqual([]);
    const queued = await handle.db.select().from(jobs).where(eq(jobs.kind, "signup.promoted"));
    expect(queued.filter((j) => rows.some((r) => r.id === j.payload.signupId))).toEqual([]);
  });
});

describe("a members-only action", () => {
  it("does not exist for outsiders, and shows its exact place only to confirmed volunteers and organizers", async () => {
    const group = await makeGroup(handle.db);
    const [member, organizer, outsider] = await people(3);
    await addMember(handle.db, group.id, member!.id, "member");
    await addMember(handle.db, group.id, organizer!.id, "organizer");
    const { action, shift } = await makeAction(handle.db, group.id, {
      visibility: "members",
      exactLocation: "Calle 5 #123",
      startsInHours: 6, // inside the reveal window (server/actions/reveal.test.ts tests the window)
    });
    await expect(callerFor(handle.db, outsider!).actions.get({ actionId: action.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(callerFor(handle.db, null).actions.get({ actionId: action.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await callerFor(handle.db, null).actions.list({})).actions.map((a) => a.id)).not.toContain(
      action.id,
    );
    await expect(callerFor(handle.db, outsider!).actions.signUp({ shiftId: shift.id })).rejects.toMatchObject(
      { code: "NOT_FOUND" },
    );

    const memberApi = callerFor(handle.db, member!);
    expect((await memberApi.actions.get({ actionId: action.id })).exactLocation).toBeNull();
    await memberApi.actions.signUp({ shiftId: shift.id });
    expect((await memberApi.actions.get({ actionId: action.id })).exactLocation).toBe("Calle 5 #123");
    expect((await callerFor(handle.db, organizer!).actions.get({ actionId: action.id })).exactLocation).toBe(
      "Calle 5 #123",
    );
  });
});

describe("the roster and check-in", () => {
  it("shows contact details only of volunteers who allowed it, and only to organizers", async () => {
    const group = await makeGroup(handle.db);
    const organizer = await makeUser(handle.db);
    await addMember(handle.db, group.id, organizer.id, "organizer");
    const { action, shift } = await makeAction(handle.db, group.id);
    const open = await makeUser(handle.db, { phone: "+52 664 000 0000" });
    const discreet = await makeUser(handle.db);
    await callerFor(handle.db, open).actions.signUp({ shiftId: shift.id, shareContact: true });
    await callerFor(handle.db, discreet).actions.signUp({ shiftId: shift.id });
    const rows = await callerFor(handle.db, organizer).actions.roster({ actionId: action.id });
    expect(rows.find((r) => r.name === open.name)).toMatchObject({
      email: open.email,
      phone: "+52 664 000 0000",
    });
    expect(rows.find((r) => r.name === discreet.name)).toMatchObject({ email: null, phone: null });
    await expect(callerFor(handle.db, open).actions.roster({ actionId: action.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("lets organizers check people in on the day, and nobody else", async () => {
    const group = await makeGroup(handle.db);
    const organizer = await makeUser(handle.db);
    await addMember(handle.db, group.id, organizer.id, "organizer");
    const today = await makeAction(handle.db, group.id, { startsInHours: 2 });
    const later = await makeAction(handle.db, group.id, { startsInHours: 72 });
    const volunteer = await makeUser(handle.db);
    const signup = await callerFor(handle.db, volunteer).actions.signUp({ shiftId: today.shift.id });
    const early = await callerFor(handle.db, volunteer).actions.signUp({ shiftId: later.shift.id });
    await expect(
      callerFor(handle.db, volunteer).actions.checkIn({ signupId: signup.id, attended: true }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      callerFor(handle.db, organizer).actions.checkIn({ signupId: early.id, attended: true }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await callerFor(handle.db, organizer).actions.checkIn({ signupId: signup.id, attended: true });
    const [row] = await handle.db.select().from(signups).where(eq(signups.id, signup.id));
    expect(row!.status).toBe("attended");
  });

  it("tells the organizer's page whether check-in is open, and from when, as the server enforces it", async () => {
    const group = await makeGroup(handle.db);
    const organizer = callerFor(handle.db, await makeUser(handle.db));
    const today = await makeAction(handle.db, group.id, { startsInHours: 2 });
    const later = await makeAction(handle.db, group.id, { startsInHours: 72 });
    const [soon] = (await organizer.actions.get({ actionId: today.action.id })).shifts;
    const [notYet] = (await organizer.actions.get({ actionId: later.action.id })).shifts;
    expect(soon).toMatchObject({ checkInOpen: true });
    expect(notYet).toMatchObject({
      checkInOpen: false,
      checkInOpensAt: new Date(later.shift.startsAt.getTime() - 12 * 3_600_000),
    });
  });
});

describe("limits on signing up", () => {
  it("refuses a person's 121st signup within the hour with TOO_MANY_REQUESTS and a wait, storing nothing", async () => {
    const group = await makeGroup(handle.db);
    const { action, shift } = await makeAction(handle.db, group.id, { capacity: 500 });
    const more = await handle.db
      .insert(shifts)
      .values(
        Array.from({ length: 120 }, (_, i) => ({
          actionId: action.id,
          role: `Extra ${i}`,
          startsAt: shift.startsAt,
          endsAt: shift.endsAt,
          capacity: 5,
        })),
      )
      .returning({ id: shifts.id });
    const me = await makeUser(handle.db);
    const api = callerFor(handle.db, me, "es");
    for (const extra of more) await api.actions.signUp({ shiftId: extra.id });
    const refusal = await api.actions.signUp({ shiftId: shift.id }).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    expect((refusal as { cause: { values: { seconds: number } } }).cause.values.seconds).toBeGreaterThan(0);
    expect(await handle.db.select().from(signups).where(eq(signups.shiftId, shift.id))).toEqual([]);
  });
});
