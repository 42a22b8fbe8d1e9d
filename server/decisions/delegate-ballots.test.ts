import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { ballots } from "@/db/schema";
import { createTestDatabase } from "../../test-support/database";
import {
  addMember,
  callerFor,
  makeCaravan,
  makeDecision,
  makeGroup,
  makeMeetingPoint,
  makeUser,
} from "../../test-support/factories";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

async function twoOptions() {
  const group = await makeGroup(handle.db);
  const a = await makeMeetingPoint(handle.db, group.id);
  const b = await makeMeetingPoint(handle.db, group.id);
  return { a, b, decision: await makeDecision(handle.db, [a.id, b.id]) };
}

describe("caravan delegates' ballots", () => {
  it("are one per caravan: the last ballot of any of its delegates counts", async () => {
    const { a, b, decision } = await twoOptions();
    const [rosa, ana] = [await makeUser(handle.db), await makeUser(handle.db)];
    const caravan = await makeCaravan(handle.db, { delegateIds: [rosa.id, ana.id] });
    await callerFor(handle.db, rosa).decisions.vote({
      decisionId: decision.id,
      caravanId: caravan.id,
      choices: [a.id, b.id],
    });
    await callerFor(handle.db, ana).decisions.vote({
      decisionId: decision.id,
      caravanId: caravan.id,
      choices: [b.id],
    });
    const rows = await handle.db
      .select({ choices: ballots.choices, castBy: ballots.castBy, voterKind: ballots.voterKind })
      .from(ballots)
      .where(and(eq(ballots.decisionId, decision.id), eq(ballots.caravanId, caravan.id)));
    expect(rows).toEqual([{ choices: [b.id], castBy: ana.id, voterKind: "delegate" }]);
    const seen = await callerFor(handle.db, rosa).decisions.get({ decisionId: decision.id });
    expect(seen.delegateVoting).toEqual([
      { caravanId: caravan.id, caravanName: caravan.name, choices: [b.id], castAt: expect.any(Date) },
    ]);
    expect(seen.voting).toEqual([]);
    expect(seen.ballotsCast).toBe(1);
  });

  it("count beside the groups' ballots", async () => {
    const { a, b, decision } = await twoOptions();
    const delegate = await makeUser(handle.db);
    const caravan = await makeCaravan(handle.db, { delegateIds: [delegate.id] });
    const group = await makeGroup(handle.db);
    const organizer = await makeUser(handle.db);
    await addMember(handle.db, group.id, organizer.id, "organizer");
    await callerFor(handle.db, organizer).decisions.vote({
      decisionId: decision.id,
      groupId: group.id,
      choices: [a.id],
    });
    await callerFor(handle.db, delegate).decisions.vote({
      decisionId: decision.id,
      caravanId: caravan.id,
      choices: [b.id],
    });
    expect((await callerFor(handle.db, null).decisions.get({ decisionId: decision.id })).ballotsCast).toBe(2);
  });

  it("are refused to anyone who does not speak for the caravan, and to a ballot naming no voter or two", async () => {
    const { a, decision } = await twoOptions();
    const caravan = await makeCaravan(handle.db);
    const group = await makeGroup(handle.db);
    const coordinator = await makeUser(handle.db);
    await addMember(handle.db, group.id, coordinator.id, "coordinator");
    const api = callerFor(handle.db, coordinator);
    await expect(
      api.decisions.vote({ decisionId: decision.id, caravanId: caravan.id, choices: [a.id] }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: "notCaravanDelegate" });
    await expect(api.decisions.vote({ decisionId: decision.id, choices: [a.id] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(
      api.decisions.vote({
        decisionId: decision.id,
        groupId: group.id,
        caravanId: caravan.id,
        choices: [a.id],
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const rows = await handle.db.select().from(ballots).where(eq(ballots.decisionId, decision.id));
    expect(rows).toEqual([]);
  });
});
