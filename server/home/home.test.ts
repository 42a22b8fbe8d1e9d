import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createTestDatabase } from "../../test-support/database";
import {
  addMember,
  callerFor,
  makeAction,
  makeCaravan,
  makeDecision,
  makeInvitation,
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
    expect(home.organizes).toBe(false); // a member: no way to create actions offered
    expect((await callerFor(db, coordinator).home.mine()).organizes).toBe(true);

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
      caravans: [],
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
    // Named as a caravan, so that the home speaks of "your caravan".
    expect(ballots.find((d) => d.id === decision.id)?.caravans).toEqual([caravan.name]);
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
      organizes: false,
    });
    expect((await refusal(callerFor(db, null).home.mine())).code).toBe("UNAUTHORIZED");
  });

  describe("a delegate's caravan", () => {
    it("shows the delegate their caravan's status, latest report, its needs and the pledges against them", async () => {
      const db = handle.db;
      const delegate = await makeUser(db);
      const caravan = await makeCaravan(db, { name: "Caravana Madre", delegateIds: [delegate.id] });
      const { group } = await team();
      const other = await team();
      await makeReport(db, caravan.id, {
        placeName: "Tapachula, Chiapas",
        reportedAt: new Date(Date.now() - 2 * DAY),
        needs: [{ kind: "medical", quantity: 5 }],
      });
      const { needs } = await makeReport(db, caravan.id, {
        placeName: "Juchitán, Oaxaca",
        headcount: 850,
        reportedAt: new Date(Date.now() - 3 * 3_600_000),
        needs: [
          { kind: "water", quantity: 900, note: "litros al día" },
          { kind: "shelter", note: "lluvia" },
        ],
      });
      const water = needs.find((n) => n.kind === "water")!;
      await makePledge(db, group.id, water.id, { quantity: 300, byDate: "2026-12-01" });
      await makePledge(db, other.group.id, water.id, { quantity: 200, status: "delivered" });
      await makePledge(db, other.group.id, water.id, { quantity: 999, status: "withdrawn" });

      const home = await callerFor(db, delegate).home.mine();
      expect(home.caravans).toHaveLength(1);
      const mine = home.caravans[0]!;
      expect(mine).toMatchObject({ id: caravan.id, name: "Caravana Madre", status: "in_transit" });
      expect(mine.latest).toMatchObject({ placeName: "Juchitán, Oaxaca", headcount: 850 });
      expect(Date.now() - mine.latest!.reportedAt.getTime()).toBeGreaterThan(2 * 3_600_000);
      // Displaced within its area, like every reader but the reporting group sees it, never exact.
      expect(Math.abs(mine.latest!.latitude - 14.9)).toBeLessThan(0.2);
      // Only the latest report's needs, with the pledges still standing and who made them.
      expect(mine.needs.map((n) => n.kind).sort()).toEqual(["shelter", "water"]);
      const waterNeed = mine.needs.find((n) => n.kind === "water")!;
      expect(waterNeed).toMatchObject({ quantity: 900, note: "litros al día", pledged: 500 });
      expect(waterNeed.pledges.map((p) => [p.groupName, p.quantity, p.status]).sort()).toEqual(
        [
          [group.name, 300, "pledged"],
          [other.group.name, 200, "delivered"],
        ].sort(),
      );
      expect(mine.needs.find((n) => n.kind === "shelter")).toMatchObject({
        quantity: null,
        pledged: 0,
        pledges: [],
      });
    });

    it("links the caravan's open ballot, and says once the caravan has voted", async () => {
      const db = handle.db;
      const delegate = await makeUser(db);
      const caravan = await makeCaravan(db, { delegateIds: [delegate.id] });
      const { group } = await team();
      const point = await makeMeetingPoint(db, group.id);
      const decision = await makeDecision(db, [point.id], { closesInMinutes: 90 });
      const before = (await callerFor(db, delegate).home.mine()).caravans[0]!;
      expect(before.ballots.find((d) => d.id === decision.id)).toMatchObject({ voted: false });
      expect(before.ratifications).toEqual([]);
      await callerFor(db, delegate).decisions.vote({
        decisionId: decision.id,
        caravanId: caravan.id,
        choices: [point.id],
      });
      const after = (await callerFor(db, delegate).home.mine()).caravans[0]!;
      expect(after.ballots.find((d) => d.id === decision.id)).toMatchObject({ voted: true });
    });

    it("shows an empty caravan as such: no report yet, no needs", async () => {
      const db = handle.db;
      const delegate = await makeUser(db);
      await makeCaravan(db, { name: "Caravana Nueva", status: "forming", delegateIds: [delegate.id] });
      const [mine] = (await callerFor(db, delegate).home.mine()).caravans;
      expect(mine).toMatchObject({ name: "Caravana Nueva", status: "forming", latest: null, needs: [] });
    });

    it("is shown to no one else: not to a delegate of another caravan, a volunteer or a group's coordinator", async () => {
      const db = handle.db;
      const delegate = await makeUser(db);
      const otherDelegate = await makeUser(db);
      const caravan = await makeCaravan(db, { delegateIds: [delegate.id] });
      const otherCaravan = await makeCaravan(db, { delegateIds: [otherDelegate.id] });
      await makeReport(db, caravan.id, { placeName: "Arriaga, Chiapas" });
      const { coordinator, member } = await team();

      const theirs = (await callerFor(db, otherDelegate).home.mine()).caravans;
      expect(theirs.map((c) => c.id)).toEqual([otherCaravan.id]);
      expect(JSON.stringify(theirs)).not.toContain("Arriaga");
      for (const someone of [member, coordinator, await makeUser(db)]) {
        expect((await callerFor(db, someone).home.mine()).caravans).toEqual([]);
      }
    });

    it("shows a report posted from the home's short form, the needs carried over", async () => {
      const db = handle.db;
      const delegate = await makeUser(db);
      const caravan = await makeCaravan(db, { delegateIds: [delegate.id] });
      await makeReport(db, caravan.id, {
        placeName: "Tapachula, Chiapas",
        reportedAt: new Date(Date.now() - DAY),
        needs: [{ kind: "water", quantity: 900, note: "litros al día" }],
      });
      const before = (await callerFor(db, delegate).home.mine()).caravans[0]!;
      // What the form sends: the refilled place and position, a new headcount, the needs as they were.
      await callerFor(db, delegate).caravans.report({
        caravanId: caravan.id,
        placeName: `${before.latest!.placeName} (albergue)`,
        latitude: before.latest!.latitude,
        longitude: before.latest!.longitude,
        headcount: 870,
        needs: before.needs.map((n) => ({ kind: n.kind, quantity: n.quantity ?? undefined, note: n.note })),
      });
      const after = (await callerFor(db, delegate).home.mine()).caravans[0]!;
      expect(after.latest).toMatchObject({ placeName: "Tapachula, Chiapas (albergue)", headcount: 870 });
      expect(Date.now() - after.latest!.reportedAt.getTime()).toBeLessThan(60_000);
      expect(after.needs).toEqual([
        expect.objectContaining({ kind: "water", quantity: 900, note: "litros al día", pledged: 0 }),
      ]);
      // A delegate of another caravan cannot post to this one.
      const stranger = await makeUser(db);
      await makeCaravan(db, { delegateIds: [stranger.id] });
      const refused = await refusal(
        callerFor(db, stranger).caravans.report({
          caravanId: caravan.id,
          placeName: "Otro lugar",
          latitude: 15,
          longitude: -92,
          headcount: 1,
          needs: [],
        }),
      );
      expect(refused.code).toBe("FORBIDDEN");
      expect((await callerFor(db, delegate).home.mine()).caravans[0]!.latest!.headcount).toBe(870);
    });
  });
});
