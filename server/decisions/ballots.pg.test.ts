// PostgreSQL only: ballots cast all at once (QUALITY.md figure 3) leave one counted ballot per
// voter, and the stored count adds up to exactly those rows.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { ballots, decisions } from "@/db/schema";
import { createTestDatabase } from "../../test-support/database";
import {
  addMember,
  callerFor,
  makeDecision,
  makeGroup,
  makeMeetingPoint,
  makeUser,
} from "../../test-support/factories";
import { closeDecision } from "./closing";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

describe("ballots under concurrency", () => {
  it("100 voters casting 500 ballots at once: one counted ballot each, and the tallies equal the rows", async () => {
    const db = handle.db;
    const host = await makeGroup(db);
    const points = await Promise.all([0, 1, 2].map(() => makeMeetingPoint(db, host.id)));
    const ids = points.map((p) => p.id);
    const decision = await makeDecision(db, ids, { quorum: 100 });
    const voters = [];
    for (let i = 0; i < 100; i++) {
      const group = await makeGroup(db);
      const organizer = await makeUser(db);
      await addMember(db, group.id, organizer.id, "organizer");
      voters.push({ group, api: callerFor(db, organizer) });
    }
    const orders = [[0, 1, 2], [1, 2, 0], [2, 0, 1], [0, 2], [1]];
    const results = await Promise.allSettled(
      voters.flatMap((voter) =>
        orders.map((order) =>
          voter.api.decisions.vote({
            decisionId: decision.id,
            groupId: voter.group.id,
            choices: order.map((i) => ids[i]!),
          }),
        ),
      ),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const rows = await db
      .select({ groupId: ballots.groupId, first: sql<string>`${ballots.choices}[1]` })
      .from(ballots)
      .where(eq(ballots.decisionId, decision.id));
    expect(rows).toHaveLength(100);
    expect(new Set(rows.map((r) => r.groupId)).size).toBe(100);

    await db
      .update(decisions)
      .set({ closesAt: sql`now() - interval '1 second'` })
      .where(eq(decisions.id, decision.id));
    expect(await closeDecision(db, decision.id)).toBe("closed");
    const [closed] = await db.select().from(decisions).where(eq(decisions.id, decision.id));
    const firstRound = closed!.count!.rounds[0]!;
    for (const id of ids) {
      expect(firstRound.tallies.find((t) => t.option === id)!.votes).toBe(
        rows.filter((r) => r.first === id).length,
      );
    }
    expect(firstRound.tallies.reduce((sum, t) => sum + t.votes, 0) + firstRound.exhausted).toBe(100);
    expect(closed!.count!.ballots).toBe(100);
  }, 120_000);
});
