// The invariants of QUALITY.md on shift places. On PostgreSQL (DATABASE_URL set) the signups truly
// race through a pool of connections; PGlite runs the same test on its single connection.
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { shifts, signups, users } from "@/db/schema";
import { createTestDatabase } from "../../test-support/database";
import { callerFor, makeAction, makeGroup } from "../../test-support/factories";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

async function manyPeople(n: number) {
  const rows = Array.from({ length: n }, (_, i) => ({
    email: `crowd-${i}-${Date.now()}@example.org`,
    name: `Crowd ${i}`,
  }));
  return handle.db.insert(users).values(rows).returning({ id: users.id, isAdmin: users.isAdmin });
}

describe("places on a shift under concurrency", () => {
  it("1,000 people signing up at once for 50 places: 50 confirmed, 950 waitlisted 1..950, no errors; 5 cancellations promote the first 5", async () => {
    const group = await makeGroup(handle.db);
    const { shift } = await makeAction(handle.db, group.id, { capacity: 50 });
    const crowd = await manyPeople(1000);
    const results = await Promise.allSettled(
      crowd.map((person) => callerFor(handle.db, person).actions.signUp({ shiftId: shift.id })),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);

    const rows = await handle.db
      .select({ id: signups.id, userId: signups.userId, status: signups.status, queueSeq: signups.queueSeq })
      .from(signups)
      .where(eq(signups.shiftId, shift.id))
      .orderBy(asc(signups.queueSeq));
    expect(rows.filter((r) => r.status === "confirmed")).toHaveLength(50);
    const waitlisted = rows.filter((r) => r.status === "waitlisted");
    expect(waitlisted).toHaveLength(950);
    const [counter] = await handle.db
      .select({ n: shifts.confirmedCount })
      .from(shifts)
      .where(eq(shifts.id, shift.id));
    expect(counter!.n).toBe(50);

    // Positions as each person sees them: 1..950, no gaps, in the order they joined the line.
    const positions = await Promise.all(
      waitlisted.map(async (row) => {
        const person = crowd.find((p) => p.id === row.userId)!;
        const again = await callerFor(handle.db, person).actions.signUp({ shiftId: shift.id });
        return again.position;
      }),
    );
    expect(positions).toEqual(Array.from({ length: 950 }, (_, i) => i + 1));

    const confirmed = rows.filter((r) => r.status === "confirmed").slice(0, 5);
    await Promise.all(
      confirmed.map((row) =>
        callerFor(
          handle.db,
          crowd.find((p) => p.id === row.userId)!,
        ).actions.cancelSignup({ signupId: row.id }),
      ),
    );
    const promoted = await handle.db
      .select({ id: signups.id })
      .from(signups)
      .where(and(eq(signups.shiftId, shift.id), sql`${signups.promotedAt} is not null`));
    expect(promoted.map((p) => p.id).sort()).toEqual(
      waitlisted
        .slice(0, 5)
        .map((w) => w.id)
        .sort(),
    );
    const [after] = await handle.db
      .select({ n: shifts.confirmedCount })
      .from(shifts)
      .where(eq(shifts.id, shift.id));
    expect(after!.n).toBe(50);
  }, 120_000); // 1,000 people: give a busy 2-core machine room

  it("one person sending 100 signups at once for one shift ends with one row and no errors", async () => {
    const group = await makeGroup(handle.db);
    const { shift } = await makeAction(handle.db, group.id, { capacity: 5 });
    const [person] = await manyPeople(1);
    const api = callerFor(handle.db, person!);
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, () => api.actions.signUp({ shiftId: shift.id })),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(await handle.db.select().from(signups).where(eq(signups.shiftId, shift.id))).toHaveLength(1);
    const [counter] = await handle.db
      .select({ n: shifts.confirmedCount })
      .from(shifts)
      .where(eq(shifts.id, shift.id));
    expect(counter!.n).toBe(1);
  });
});
