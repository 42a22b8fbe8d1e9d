import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, messageDeliveries } from "@/db/schema";
import { createTestDatabase } from "../testing/database";
import {
  addMember,
  callerFor,
  makeAction,
  makeCaravan,
  makeDecision,
  makeGroup,
  makeInvitation,
  makeMeetingPoint,
  makeMessage,
  makePledge,
  makeReport,
  makeUser,
  refusal,
} from "../testing/factories";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const DAY = 86_400_000;
const dayString = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

/** A group (verified unless told otherwise) with a coordinator, an organizer and a member. */
async function team(verified = true) {
  const db = handle.db;
  const group = await makeGroup(db, { verified });
  const [coordinator, organizer, member] = [await makeUser(db), await makeUser(db), await makeUser(db)];
  await addMember(db, group.id, coordinator.id, "coordinator");
  await addMember(db, group.id, organizer.id, "organizer");
  await addMember(db, group.id, member.id, "member");
  return { group, coordinator, organizer, member };
}

describe("the home", () => {
  it("shows a volunteer their next shift and their unread urgent message, and nobody else's", async () => {
    const db = handle.db;
    const { group, coordinator, member } = await team();
    const { action, shift } = await makeAction(db, group.id, { startsInHours: 20 });
    await callerFor(db, member).actions.signUp({ shiftId: shift.id });
    const urgent = await makeMessage(
      db,
      coordinator,
      [{ kind: "group", groupId: group.id, roles: ["member"] }],
      {
        subjectEs: "Garita cerrada",
        subjectEn: "Crossing closed",
        urgent: true,
      },
    );
    await makeMessage(db, coordinator, [{ kind: "group", groupId: group.id, roles: ["member"] }], {
      subjectEs: "Aviso tranquilo",
    });

    const home = await callerFor(db, member).home.mine();
    expect(home.shifts).toEqual([
      expect.objectContaining({
        actionId: action.id,
        title: action.title,
        placeName: "San Ysidro, Tijuana",
        status: "confirmed",
        startsAt: shift.startsAt,
        timeZone: "America/Tijuana",
      }),
    ]);
    expect(home.urgent).toEqual([
      expect.objectContaining({ id: urgent.id, subjectEs: "Garita cerrada", subjectEn: "Crossing closed" }),
    ]);
    expect(home.inAGroup).toBe(true);
    expect(home.coordinates).toBe(false);

    // Read, it no longer waits; and another person's home shows neither.
    await callerFor(db, member).messages.markRead({ messageId: urgent.id });
    expect((await callerFor(db, member).home.mine()).urgent).toEqual([]);
    const stranger = await callerFor(db, await makeUser(db)).home.mine();
    expect(stranger.shifts).toEqual([]);
    expect(stranger.urgent).toEqual([]);
  });

  it("lists the open decisions a voter's group has not voted in, with their closing time, until it votes", async () => {
    const db = handle.db;
    const { group, organizer, member, coordinator } = await team();
    const unverified = await team(false);
    const [a, b] = [await makeMeetingPoint(db, group.id), await makeMeetingPoint(db, group.id)];
    const open = await makeDecision(db, [a.id, b.id], { closesInMinutes: 120 });
    const later = await makeDecision(db, [a.id, b.id], { opensInMinutes: 60, closesInMinutes: 240 });
    const past = await makeDecision(db, [a.id, b.id], { closesInMinutes: -5 });

    const ballots = (await callerFor(db, organizer).home.mine()).ballots;
    const mine = ballots.find((d) => d.id === open.id);
    expect(mine).toEqual({
      id: open.id,
      question: open.question,
      closesAt: open.closesAt,
      voters: [group.name],
    });
    expect(ballots.map((d) => d.id)).not.toContain(later.id);
    expect(ballots.map((d) => d.id)).not.toContain(past.id);
    // Members do not vote for the group; an unverified group's coordinator votes for nobody.
    expect((await callerFor(db, member).home.mine()).ballots).toEqual([]);
    expect((await callerFor(db, unverified.coordinator).home.mine()).ballots).toEqual([]);

    await callerFor(db, coordinator).decisions.vote({
      decisionId: open.id,
      groupId: group.id,
      choices: [a.id],
    });
    const after = (await callerFor(db, organizer).home.mine()).ballots;
    expect(after.map((d) => d.id)).not.toContain(open.id);
  });

  it("asks a caravan's delegate for the caravan's ballot", async () => {
    const db = handle.db;
    const delegate = await makeUser(db);
    const caravan = await makeCaravan(db, { delegateIds: [delegate.id] });
    const { group } = await team();
    const decision = await makeDecision(db, [(await makeMeetingPoint(db, group.id)).id]);
    const ballots = (await callerFor(db, delegate).home.mine()).ballots;
    expect(ballots.find((d) => d.id === decision.id)?.voters).toEqual([caravan.name]);
  });

  it("shows the pledges of the person's groups falling due within a week, overdue first", async () => {
    const db = handle.db;
    const { group, member } = await team();
    const caravan = await makeCaravan(db, { name: "Caravana del Sur" });
    const { needs } = await makeReport(db, caravan.id);
    const need = needs[0]!.id;
    const overdue = await makePledge(db, group.id, need, { byDate: dayString(-2) });
    const soon = await makePledge(db, group.id, need, { byDate: dayString(3) });
    await makePledge(db, group.id, need, { byDate: dayString(30) });
    await makePledge(db, group.id, need, { byDate: dayString(1), status: "delivered" });
    const otherGroup = await team();
    await makePledge(db, otherGroup.group.id, need, { byDate: dayString(1) });

    const pledges = (await callerFor(db, member).home.mine()).pledges;
    expect(pledges.map((p) => [p.id, p.overdue])).toEqual([
      [overdue.id, true],
      [soon.id, false],
    ]);
    expect(pledges[0]).toMatchObject({
      caravanName: "Caravana del Sur",
      needKind: "water",
      groupName: group.name,
    });
  });

  it("shows join requests to the groups a person runs, and invitations addressed to them", async () => {
    const db = handle.db;
    const { group, organizer, member } = await team();
    for (let i = 0; i < 2; i++) await addMember(db, group.id, (await makeUser(db)).id, "member", "pending");
    const invitee = await makeUser(db);
    await makeInvitation(db, group.id, invitee.email, { role: "organizer" });

    expect((await callerFor(db, organizer).home.mine()).requests).toEqual([
      expect.objectContaining({ groupId: group.id, slug: group.slug, name: group.name, requests: 2 }),
    ]);
    expect((await callerFor(db, member).home.mine()).requests).toEqual([]);
    const home = await callerFor(db, invitee).home.mine();
    expect(home.invitations).toEqual([
      expect.objectContaining({ groupName: group.name, groupSlug: group.slug, role: "organizer" }),
    ]);
    expect(home.inAGroup).toBe(false);
  });

  it("is empty for a newcomer, who is in no group yet, and closed to anyone signed out", async () => {
    const db = handle.db;
    const home = await callerFor(db, await makeUser(db)).home.mine();
    expect(home).toMatchObject({
      shifts: [],
      moreShifts: 0,
      urgent: [],
      ballots: [],
      pledges: [],
      requests: [],
      invitations: [],
      pendingGroups: [],
      inAGroup: false,
      coordinates: false,
    });
    expect((await refusal(callerFor(db, null).home.mine())).code).toBe("UNAUTHORIZED");
  });
});

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

    const overview = await callerFor(db, coordinator).home.overview();
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

    const overview = await callerFor(db, coordinator).home.overview();
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

    const overview = await callerFor(db, coordinator).home.overview();
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

    const { actions } = await callerFor(db, organizer).home.overview();
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
      const seen = (await callerFor(db, reader).home.overview()).failed;
      expect(seen).toEqual([
        expect.objectContaining({ id: failed.id, subjectEs: "Cambio de hora", failed: 1, recipients: 1 }),
      ]);
      expect(seen.map((m) => m.id)).not.toContain(fine.id);
    }
    expect((await callerFor(db, (await team()).coordinator).home.overview()).failed).toEqual([]);
  });

  it("is for coordinators and organizers of groups and admins, not members or strangers", async () => {
    const db = handle.db;
    const { member } = await team();
    expect((await refusal(callerFor(db, member).home.overview())).code).toBe("FORBIDDEN");
    expect((await refusal(callerFor(db, await makeUser(db)).home.overview())).code).toBe("FORBIDDEN");
    const admin = await callerFor(db, await makeUser(db, { isAdmin: true })).home.overview();
    expect(admin).toMatchObject({ groups: [], caravanAccess: "full", actions: [] });
  });
});
