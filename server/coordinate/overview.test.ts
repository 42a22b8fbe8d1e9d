import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, messageDeliveries } from "@/db/schema";
import { createTestDatabase } from "../../test-support/database";
import {
  callerFor,
  makeAction,
  makeCaravan,
  makeDecision,
  makeMeetingPoint,
  makeMessage,
  makePledge,
  makeReport,
  makeTeam,
  makeUser,
  refusal,
} from "../../test-support/factories";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const DAY = 86_400_000;
const dayString = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const team = (verified = true) => makeTeam(handle.db, verified);

describe("the coordinators' overview", () => {
  /** A caravan with three reports over a week, the latest expecting to reach a meeting point. */
  async function caravanOnItsWay(reporterGroupId: string) {
    const db = handle.db;
    const caravan = await makeCaravan(db, {
      name: `Caravana Éxodo ${Math.random().toString(36).slice(2, 8)}`,
    });
    const point = await makeMeetingPoint(db, reporterGroupId, { name: `Plaza ${caravan.id.slice(0, 8)}` });
    await makeReport(db, caravan.id, { headcount: 3000, reportedAt: new Date(Date.now() - 10 * DAY) });
    await makeReport(db, caravan.id, { headcount: 2400, reportedAt: new Date(Date.now() - 6 * DAY) });
    const { needs } = await makeReport(db, caravan.id, {
      headcount: 1937,
      reportedAt: new Date(Date.now() - DAY),
      placeName: "Ciudad de México",
      needs: [
        { kind: "water", quantity: 2000 },
        { kind: "medical", note: "ampollas" },
      ],
      expected: { meetingPointId: point.id, from: dayString(10), until: dayString(14) },
    });
    return { caravan, point, water: needs.find((n) => n.kind === "water")! };
  }

  it("shows a verified group's coordinator each caravan's latest report, headcount trend, arrival and pledged needs", async () => {
    const db = handle.db;
    const { group, coordinator } = await team();
    const { caravan, point, water } = await caravanOnItsWay(group.id);
    await makePledge(db, group.id, water.id, { quantity: 500 });
    await makePledge(db, group.id, water.id, { quantity: 300, status: "withdrawn" });

    const overview = await callerFor(db, coordinator).coordinate.overview();
    expect(overview.caravanAccess).toBe("full");
    const seen = overview.caravans.find((c) => c.id === caravan.id);
    if (seen?.access !== "full") throw new Error("expected the full view");
    expect(seen.latest).toMatchObject({ placeName: "Ciudad de México", headcount: 1937, stale: false });
    expect(seen.headcountTrend.map((p) => p.headcount)).toEqual([3000, 2400, 1937]);
    expect(seen.expectedArrival).toEqual({
      meetingPointId: point.id,
      meetingPointName: point.name,
      from: dayString(10),
      until: dayString(14),
    });
    expect(seen.needs.map((n) => [n.kind, n.quantity, n.pledged])).toEqual([
      ["water", 2000, 500],
      ["medical", null, 0],
    ]);
    // Positions stay off this screen: it draws no map.
    expect(JSON.stringify(seen)).not.toMatch(/latitude|longitude/i);
    const [read] = await db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, coordinator.id), eq(auditEvents.action, "caravan.read_overview")));
    expect(read).toBeDefined();
  });

  it("shows an unverified group's coordinator no caravan headcount, trend or needs", async () => {
    const db = handle.db;
    const verified = await team();
    const { caravan } = await caravanOnItsWay(verified.group.id);
    const { coordinator } = await team(false);

    const overview = await callerFor(db, coordinator).coordinate.overview();
    expect(overview.caravanAccess).toBe("public");
    const seen = overview.caravans.find((c) => c.id === caravan.id)!;
    expect(seen).toMatchObject({
      access: "public",
      status: "in_transit",
      headcountBand: { from: 1000, to: 2500 },
    });
    expect(seen).not.toHaveProperty("latest");
    const text = JSON.stringify(overview.caravans);
    for (const number of ["1937", "2400", "3000", "Ciudad de México", "headcountTrend", "needs"]) {
      expect(text).not.toContain(number);
    }
    const [read] = await db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.actorId, coordinator.id));
    expect(read).toBeUndefined();
  });

  it("shows the open decision's turnout against every possible voter, and which of the reader's groups owe a ballot", async () => {
    const db = handle.db;
    const { group, coordinator } = await team();
    const voter = await team();
    const [a, b] = [await makeMeetingPoint(db, group.id), await makeMeetingPoint(db, group.id)];
    const decision = await makeDecision(db, [a.id, b.id], { quorum: 2, closesInMinutes: 60 * 24 * 365 });
    await callerFor(db, voter.coordinator).decisions.vote({
      decisionId: decision.id,
      groupId: voter.group.id,
      choices: [b.id],
    });

    const overview = await callerFor(db, coordinator).coordinate.overview();
    const seen = overview.decisions.find((d) => d.id === decision.id)!;
    expect(seen).toMatchObject({ ballotsCast: 1, quorum: 2, notYetVoted: [group.name] });
    // Every verified group with a coordinator or organizer, and every caravan with a delegate.
    expect(seen.eligible).toBeGreaterThanOrEqual(2);
    expect(seen.eligible).toBeGreaterThanOrEqual(seen.ballotsCast);
  });

  it("shows the fill rate of every shift of the reader's groups' next actions, and not other groups'", async () => {
    const db = handle.db;
    const { group, organizer } = await team();
    const { action, shift } = await makeAction(db, group.id, { capacity: 4, startsInHours: 30 });
    for (let i = 0; i < 5; i++) await callerFor(db, await makeUser(db)).actions.signUp({ shiftId: shift.id });
    const quiet = await makeAction(db, group.id, { capacity: 10, startsInHours: 50 });
    await callerFor(db, await makeUser(db)).actions.signUp({ shiftId: quiet.shift.id });
    const other = await makeAction(db, (await team()).group.id);

    const { actions } = await callerFor(db, organizer).coordinate.overview();
    expect(actions.map((a) => a.id)).toEqual([action.id, quiet.action.id]);
    expect(actions[0]!.shifts).toEqual([
      expect.objectContaining({ id: shift.id, capacity: 4, taken: 4, waitlisted: 1 }),
    ]);
    expect(actions[1]!.shifts).toEqual([expect.objectContaining({ capacity: 10, taken: 1, waitlisted: 0 })]);
    expect(actions.map((a) => a.id)).not.toContain(other.action.id);
  });

  it("lists the reader's messages whose emails failed, and no one else's", async () => {
    const db = handle.db;
    const { group, coordinator, organizer, member } = await team();
    const audience = [{ kind: "group" as const, groupId: group.id, roles: ["member" as const] }];
    const failed = await makeMessage(db, coordinator, audience, {
      subjectEs: "Cambio de hora",
      urgent: true,
    });
    const fine = await makeMessage(db, coordinator, audience, { subjectEs: "Todo bien", urgent: true });
    await db
      .update(messageDeliveries)
      .set({ status: "failed", lastError: "550 mailbox unavailable" })
      .where(and(eq(messageDeliveries.messageId, failed.id), eq(messageDeliveries.userId, member.id)));

    // The sender and the group's co-organizers see it; another group's coordinator does not.
    for (const reader of [coordinator, organizer]) {
      const seen = (await callerFor(db, reader).coordinate.overview()).failed;
      expect(seen).toEqual([
        expect.objectContaining({ id: failed.id, subjectEs: "Cambio de hora", failed: 1, recipients: 1 }),
      ]);
      expect(seen.map((m) => m.id)).not.toContain(fine.id);
    }
    expect((await callerFor(db, (await team()).coordinator).coordinate.overview()).failed).toEqual([]);
  });

  it("is for coordinators and organizers of groups and admins, not members or strangers", async () => {
    const db = handle.db;
    const { member } = await team();
    expect((await refusal(callerFor(db, member).coordinate.overview())).code).toBe("FORBIDDEN");
    expect((await refusal(callerFor(db, await makeUser(db)).coordinate.overview())).code).toBe("FORBIDDEN");
    const admin = await callerFor(db, await makeUser(db, { isAdmin: true })).coordinate.overview();
    expect(admin).toMatchObject({ groups: [], caravanAccess: "full", actions: [] });
  });
});
