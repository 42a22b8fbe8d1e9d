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
