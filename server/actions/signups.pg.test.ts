// PostgreSQL only: the overbooking invariant holds run after run, not just once.
import { and, eq, sql } from "drizzle-orm";
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

describe("no overbooking, repeated", () => {
  it("20 rounds of 1,000 simultaneous signups for 50 places: always exactly 50 confirmed and 950 in an unbroken line", async () => {
    const group = await makeGroup(handle.db);
    const crowd = await handle.db
      .insert(users)
      .values(Array.from({ length: 1000 }, (_, i) => ({ email: `round-${i}@example.org` })))
      .returning({ id: users.id, isAdmin: users.isAdmin });
    for (let round = 0; round < 20; round++) {
      const { shift } = await makeAction(handle.db, group.id, { capacity: 50 });
      const results = await Promise.allSettled(
        crowd.map((person) => callerFor(handle.db, person).actions.signUp({ shiftId: shift.id })),
      );
      expect(
        results.filter((r) => r.status === "rejected"),
        `round ${round}`,
      ).toEqual([]);
      const [counts] = await handle.db
        .select({
          confirmed: sql<number>`count(*) filter (where ${signups.status} = 'confirmed')::int`,
          waitlisted: sql<number>`count(*) filter (where ${signups.status} = 'waitlisted')::int`,
          distinctSeq: sql<number>`count(distinct ${signups.queueSeq}) filter (where ${signups.status} = 'waitlisted')::int`,
        })
        .from(signups)
        .where(eq(signups.shiftId, shift.id));
      expect(counts, `round ${round}`).toEqual({ confirmed: 50, waitlisted: 950, distinctSeq: 950 });
      const [counter] = await handle.db
        .select({ n: shifts.confirmedCount })
        .from(shifts)
        .where(and(eq(shifts.id, shift.id)));
      expect(counter!.n).toBe(50);
    }
  }, 300_000);
});
