import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, decisionCoordinators, decisions, meetingPoints } from "@/db/schema";
import { createTestDatabase } from "../../test-support/database";
import {
  addMember,
  callerFor,
  makeCaravan,
  makeDecision,
  makeGroup,
  makeMeetingPoint,
  makeUser,
  personInGroup,
} from "../../test-support/factories";
import { closeDecision } from "./closing";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const REASON = "Hay un retén de migración a 200 m y un grupo armado vigila la plaza de noche.";

/** Two options, A and B, and a decision between them that voters are voting in. */
async function decisionBetweenTwo() {
  const { group } = await personInGroup(handle.db, "organizer");
  const suffix = Math.random().toString(36).slice(2, 8);
  const a = await makeMeetingPoint(handle.db, group.id, { name: `Plaza A ${suffix}` });
  const b = await makeMeetingPoint(handle.db, group.id, { name: `Parque B ${suffix}` });
  const decision = await makeDecision(handle.db, [a.id, b.id]);
  return { a, b, decision };
}

async function close(decisionId: string) {
  await handle.db
    .update(decisions)
    .set({ closesAt: sql`now() - interval '1 second'` })
    .where(eq(decisions.id, decisionId));
  expect(await closeDecision(handle.db, decisionId)).toBe("closed");
}

const statusOf = async (id: string) =>
  (
    await handle.db
      .select({ status: meetingPoints.status })
      .from(meetingPoints)
      .where(eq(meetingPoints.id, id))
  )[0]!.status;

describe("a safety objection", () => {
  it("holds the winning option unchosen until a coordinator resolves it in writing, then chooses it", async () => {
    const { a, b, decision } = await decisionBetweenTwo();
    const first = await personInGroup(handle.db, "organizer");
    const second = await personInGroup(handle.db, "organizer");
    await first.api.decisions.vote({
      decisionId: decision.id,
      groupId: first.group.id,
      choices: [a.id, b.id],
    });
    await second.api.decisions.vote({ decisionId: decision.id, groupId: second.group.id, choices: [a.id] });
    const objection = await second.api.decisions.raiseObjection({
      decisionId: decision.id,
      groupId: second.group.id,
      meetingPointId: a.id,
      reason: REASON,
    });

    await close(decision.id);
    // A member of a verified group: one of the people deciding, who does not vote.
    const reader = (await personInGroup(handle.db, "member")).api;
    const held = await reader.decisions.get({ decisionId: decision.id });
    expect(held).toMatchObject({ phase: "held", winnerId: a.id });
    expect(await statusOf(a.id)).not.toBe("chosen");

    // One of the coordinators the decision named when it opened.
    const named = await personInGroup(handle.db, "coordinator");
    await handle.db.insert(decisionCoordinators).values({ decisionId: decision.id, userId: named.person.id });
    const coordinatorApi = named.api;
    await expect(
      first.api.decisions.resolveObjection({ objectionId: objection.id, resolution: "Nos parece bien." }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const resolution = "Acordamos reunirnos de día, con observadores legales y una salida por la calle 3.";
    expect(
      await coordinatorApi.decisions.resolveObjection({ objectionId: objection.id, resolution }),
    ).toMatchObject({ released: true });
    expect(await statusOf(a.id)).toBe("chosen");
    const after = await reader.decisions.get({ decisionId: decision.id });
    expect(after.phase).toBe("closed");
    expect(after.objections).toEqual([expect.objectContaining({ resolution, reason: null })]);
    await expect(
      coordinatorApi.decisions.resolveObjection({ objectionId: objection.id, resolution }),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    const audited = await handle.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, decision.id)));
    expect(audited.map((e) => e.action)).toEqual(
      expect.arrayContaining(["decision.objection.raise", "decision.objection.resolve"]),
    );
  });

  it("is read in full by voters and coordinators; other people deciding see only that it exists, the public nothing; nobody sees who raised it", async () => {
    const { a, decision } = await decisionBetweenTwo();
    const objector = await personInGroup(handle.db, "organizer");
    await objector.api.decisions.raiseObjection({
      decisionId: decision.id,
      groupId: objector.group.id,
      meetingPointId: a.id,
      reason: REASON,
    });
    const publicView = await callerFor(handle.db, null).decisions.get({ decisionId: decision.id });
    expect(publicView.objections).toEqual([]);
    const member = await makeUser(handle.db);
    await addMember(handle.db, objector.group.id, member.id, "member"); // a member does not vote
    const memberView = await callerFor(handle.db, member).decisions.get({ decisionId: decision.id });
    expect(memberView.objections).toHaveLength(1);
    expect(JSON.stringify(memberView)).not.toContain("retén");
    const otherVoter = await personInGroup(handle.db, "organizer");
    const seen = await otherVoter.api.decisions.get({ decisionId: decision.id });
    expect(seen.objections[0]!.reason).toBe(REASON);
    expect(JSON.stringify(seen)).not.toContain(objector.person.id);
    expect(JSON.stringify(seen)).not.toContain(objector.group.id);
  });

  it("may be raised by a caravan's delegate, for the caravan, and by nobody else for it", async () => {
    const { a, decision } = await decisionBetweenTwo();
    const delegate = await makeUser(handle.db);
    const caravan = await makeCaravan(handle.db, { delegateIds: [delegate.id] });
    const raise = (who: typeof delegate) =>
      callerFor(handle.db, who).decisions.raiseObjection({
        decisionId: decision.id,
        caravanId: caravan.id,
        meetingPointId: a.id,
        reason: REASON,
      });
    await expect(raise(await makeUser(handle.db))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await raise(delegate);
    expect(
      (await callerFor(handle.db, delegate).decisions.get({ decisionId: decision.id })).objections,
    ).toHaveLength(1);
  });

  it("to a losing option does not stop the winner from being chosen", async () => {
    const { a, b, decision } = await decisionBetweenTwo();
    const { api, group } = await personInGroup(handle.db, "organizer");
    await api.decisions.vote({ decisionId: decision.id, groupId: group.id, choices: [b.id] });
    await api.decisions.raiseObjection({
      decisionId: decision.id,
      groupId: group.id,
      meetingPointId: a.id,
      reason: REASON,
    });
    await close(decision.id);
    expect(await statusOf(b.id)).toBe("chosen");
    expect((await api.decisions.get({ decisionId: decision.id })).phase).toBe("closed");
  });

  it("is refused, with nothing stored, from a non-voter, after closing, for a non-option, or without a reason", async () => {
    const { a, decision } = await decisionBetweenTwo();
    const { api, group } = await personInGroup(handle.db, "organizer");
    const member = await makeUser(handle.db);
    await addMember(handle.db, group.id, member.id, "member");
    const raise = (caller: typeof api, overrides: Record<string, string> = {}) =>
      caller.decisions.raiseObjection({
        decisionId: decision.id,
        groupId: group.id,
        meetingPointId: a.id,
        reason: REASON,
        ...overrides,
      });
    await expect(raise(callerFor(handle.db, member))).rejects.toMatchObject({ code: "FORBIDDEN" });
    const unverified = await makeGroup(handle.db, { verified: false });
    await addMember(handle.db, unverified.id, member.id, "coordinator");
    await expect(raise(callerFor(handle.db, member), { groupId: unverified.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const elsewhere = await makeMeetingPoint(handle.db, group.id, { name: `Otro ${Date.now()}` });
    await expect(raise(api, { meetingPointId: elsewhere.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(raise(api, { reason: "no" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await close(decision.id);
    await expect(raise(api)).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await api.decisions.get({ decisionId: decision.id })).objections).toEqual([]);
  });
});

describe("a meeting point's safety checklist", () => {
  it("is stored with the proposal and shown with it; distances out of range are refused", async () => {
    const { api, group } = await personInGroup(handle.db, "organizer");
    const details = {
      name: `Parroquia del Carmen ${Date.now()}`,
      crossing: "el_paso_juarez" as const,
      side: "MX" as const,
      latitude: 31.74,
      longitude: -106.48,
      capacity: 300,
      safetyChecklist: {
        exitsAndSightLines: "yes" as const,
        shelterKm: 1.5,
        phoneSignal: "weak" as const,
        checkpointsOrHostileGroups: "reported" as const,
      },
    };
    const { id } = await api.meetingPoints.propose({ groupId: group.id, details });
    const point = await callerFor(handle.db, null).meetingPoints.get({ meetingPointId: id });
    expect(point.safetyChecklist).toEqual({
      exitsAndSightLines: "yes",
      shelterKm: 1.5,
      clinicKm: null,
      checkpointsOrHostileGroups: "reported",
      phoneSignal: "weak",
      shadeAndWater: "unknown",
    });
    await expect(
      api.meetingPoints.propose({
        groupId: group.id,
        details: { ...details, name: `Otro ${Date.now()}`, safetyChecklist: { shelterKm: -3 } },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
