// PostgreSQL only: on a full shift, places in line are taken with the shift locked shared, side by
// side (issue 21). Cancellations racing a crowd joining the line still never overbook, and fill the
// freed places from the head of the line: nobody promoted came after someone still waiting.
import { and, eq } from "drizzle-orm";
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

const CAPACITY = 50;
const CROWD = 400;
const CANCELLING = 20;

describe("a rush on a full shift", () => {
  it("400 joining the line while 20 confirmed people cancel, 3 rounds: 50 confirmed, the line in order, no errors", async () => {
    const group = await makeGroup(handle.db);
    const people = await handle.db
      .insert(users)
      .values(Array.from({ length: CAPACITY + CROWD }, (_, i) => ({ email: `rush-${i}@example.org` })))
      .returning({ id: users.id, isAdmin: users.isAdmin });
    const [first, crowd] = [people.slice(0, CAPACITY), people.slice(CAPACITY)];
    for (let round = 0; round < 3; round++) {
      const { shift } = await makeAction(handle.db, group.id, { capacity: CAPACITY });
      const placed: { id: string; status: string }[] = [];
      for (const person of first)
        placed.push(await callerFor(handle.db, person).actions.signUp({ shiftId: shift.id }));
      expect(placed.every((s) => s.status === "confirmed")).toBe(true);

      const results = await Promise.allSettled([
        ...crowd.map((person) => callerFor(handle.db, person).actions.signUp({ shiftId: shift.id })),
        ...first
          .slice(0, CANCELLING)
          .map((person, i) => callerFor(handle.db, person).actions.cancelSignup({ signupId: placed[i]!.id })),
      ]);
      expect(
        results.filter((r) => r.status === "rejected"),
        `round ${round}`,
      ).toEqual([]);

      const rows = await handle.db
        .select({ userId: signups.userId, status: signups.status, queueSeq: signups.queueSeq })
        .from(signups)
        .where(eq(signups.shiftId, shift.id));
      const firstIds = new Set(first.map((p) => p.id));
      const confirmed = rows.filter((r) => r.status === "confirmed");
      const waiting = rows.filter((r) => r.status === "waitlisted");
      expect([confirmed.length, waiting.length], `round ${round}`).toEqual([CAPACITY, CROWD - CANCELLING]);
      expect(new Set(waiting.map((r) => r.queueSeq)).size).toBe(waiting.length);
      // Every newcomer given a freed place was ahead in line of everyone still waiting.
      const promoted = confirmed.filter((r) => !firstIds.has(r.userId)).map((r) => r.queueSeq);
      expect(promoted).toHaveLength(CANCELLING);
      expect(Math.max(...promoted), `round ${round}`).toBeLessThan(
        Math.min(...waiting.map((r) => r.queueSeq)),
      );
      const [counter] = await handle.db
        .select({ n: shifts.confirmedCount })
        .from(shifts)
        .where(and(eq(shifts.id, shift.id)));
      expect(counter!.n).toBe(CAPACITY);
    }
  }, 300_000);
});
