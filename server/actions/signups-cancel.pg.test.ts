// PostgreSQL only: an action cancelled while people are signing up takes no signup afterwards, and
// cancelling never deadlocks with an account deletion; both race through real connections, repeatedly.
import { TRPCError } from "@trpc/server";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres, type DatabaseHandle } from "@/db/client";
import { shifts, users } from "@/db/schema";
import { createTestDatabase } from "../../test-support/database";
import { addMember, callerFor, makeAction, makeGroup, makeUser } from "../../test-support/factories";

let handle: DatabaseHandle;
// The organizer cancels through a second app server (a pool of its own), as in production: the
// cancellation does not wait behind the crowd's queries for a connection.
let otherServer: DatabaseHandle;
// A connection of its own that reads the instant the cancellation returns.
let watcher: postgres.Sql;
beforeAll(async () => {
  handle = await createTestDatabase();
  otherServer = await openPostgres(handle.url!);
  watcher = postgres(handle.url!, { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  await watcher.end({ timeout: 5 });
  await otherServer.close();
  await handle.close();
});

const ROUNDS = 20;
const CROWD = 100;

/** The shift's signups that hold or wait for a place, those that hold one, and the shift's own count. */
async function places(shiftId: string) {
  const [row] = await watcher<{ active: number; confirmed: number; counter: number }[]>`
    select count(*) filter (where s.status in ('confirmed', 'waitlisted'))::int as active,
           count(*) filter (where s.status = 'confirmed')::int as confirmed,
           (select confirmed_count from shifts where id = ${shiftId}) as counter
    from signups s where s.shift_id = ${shiftId}`;
  return row!;
}

describe("cancelling an action while people sign up", () => {
  it(`${ROUNDS} rounds of ${CROWD} signups racing a cancellation: nothing is signed up after the cancellation commits, and nobody gets a server error`, async () => {
    const group = await makeGroup(handle.db);
    const organizer = await makeUser(handle.db);
    await addMember(handle.db, group.id, organizer.id, "organizer");
    const crowd = await handle.db
      .insert(users)
      .values(Array.from({ length: CROWD }, (_, i) => ({ email: `racer-${i}@example.org` })))
      .returning({ id: users.id, isAdmin: users.isAdmin });
    let landedAfter = 0;
    let refused = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const { action, shift } = await makeAction(handle.db, group.id, { capacity: CROWD / 4 });
      let accepted = 0;
      let cancelled: Promise<Awaited<ReturnType<typeof places>>> | undefined;
      const attempts = crowd.map(async (person) => {
        const signup = await callerFor(handle.db, person).actions.signUp({ shiftId: shift.id });
        // The cancellation goes out once the first signups are through, so that it lands among
        // the others (the ones still between their checks and their writes).
        if (++accepted === CROWD / 20) {
          cancelled = callerFor(otherServer.db, organizer)
            .actions.cancel({ actionId: action.id })
            .then(() => places(shift.id));
        }
        return signup;
      });
      const results = await Promise.allSettled(attempts);
      const atCancel = await cancelled!;
      const after = await places(shift.id);
      landedAfter += after.active - atCancel.active;

      const refusals = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
      refused += refusals.length;
      expect(
        refusals.filter((e) => !(e instanceof TRPCError && e.code === "CONFLICT")),
        `round ${round}: only "cancelled" refusals`,
      ).toEqual([]);
      expect(after.active, `round ${round}: one row per accepted signup`).toBe(
        results.filter((r) => r.status === "fulfilled").length,
      );
      expect(after.counter, `round ${round}`).toBe(after.confirmed);
      expect(after.confirmed, `round ${round}`).toBeLessThanOrEqual(CROWD / 4);
    }
    expect(landedAfter, "signups that landed on an action already cancelled").toBe(0);
    expect(refused, "signups that met the cancellation: the race did happen").toBeGreaterThan(0);
  }, 300_000);
});

describe("cancelling an action while a volunteer deletes their account", () => {
  it("20 rounds, a volunteer holding places on three shifts: both succeed, never a deadlock", async () => {
    const group = await makeGroup(handle.db);
    const organizer = await makeUser(handle.db);
    await addMember(handle.db, group.id, organizer.id, "organizer");
    const errors: unknown[] = [];
    for (let round = 0; round < 20; round++) {
      const { action, shift } = await makeAction(handle.db, group.id);
      const more = await handle.db
        .insert(shifts)
        .values([1, 2].map((n) => ({ ...shift, id: undefined, role: `Shift ${n}` })))
        .returning({ id: shifts.id });
      const volunteer = await makeUser(handle.db);
      const api = callerFor(handle.db, volunteer);
      // Signed up in an order of their own, unlike the shifts' ids.
      for (const id of [shift.id, ...more.map((m) => m.id)].reverse())
        await api.actions.signUp({ shiftId: id });
      const outcomes = await Promise.allSettled([
        api.me.deleteAccount(),
        callerFor(otherServer.db, organizer).actions.cancel({ actionId: action.id }),
      ]);
      errors.push(...outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason] : [])));
    }
    expect(errors).toEqual([]);
  }, 120_000);
});
