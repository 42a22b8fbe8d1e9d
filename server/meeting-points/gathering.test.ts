// The chosen point gathers the work: actions tied to a meeting point, the caravans expected there,
// and a candidate still hidden from outsiders that no action, listing or page gives away.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { actions, groups } from "@/db/schema";
import type { ActionDetailsInput } from "../actions/inputs";
import {
  addMember,
  callerFor,
  makeAction,
  makeCaravan,
  makeDecision,
  makeGroup,
  makeMeetingPoint,
  makeReport,
  makeTeam,
  makeUser,
  refusal,
} from "../../test-support/factories";
import { setUpDatabase } from "../../test-support/setup";

const handle = setUpDatabase();

const details = (meetingPointId: string | null = null): ActionDetailsInput => ({
  title: "Bienvenida en la garita",
  kind: "welcome",
  description: "Agua y mantas.",
  placeName: "San Ysidro, Tijuana",
  exactLocation: "Puerta 3",
  timeZone: "America/Tijuana",
  startDate: "2030-01-10",
  startTime: "09:00",
  endDate: "2030-01-10",
  endTime: "13:00",
  visibility: "public",
  meetingPointId,
});

/** A chosen point (public: in no decision), and a candidate of an open decision (hidden). */
async function points() {
  const db = handle.db;
  const proposer = await makeGroup(db);
  const chosen = await makeMeetingPoint(db, proposer.id, { status: "chosen" });
  const candidate = await makeMeetingPoint(db, proposer.id, { name: `Bodega Escondida ${randomUUID()}` });
  await makeDecision(db, [candidate.id]);
  return { chosen, candidate };
}

describe("actions tied to a meeting point", () => {
  it("are listed on the point's page, members-only ones to the group's members only", async () => {
    const db = handle.db;
    const { chosen } = await points();
    const team = await makeTeam(db);
    const organizer = callerFor(db, team.organizer);
    const { id } = await organizer.actions.create({ groupId: team.group.id, details: details(chosen.id) });
    const { action: membersOnly } = await makeAction(db, team.group.id, { visibility: "members" });
    await db.update(actions).set({ meetingPointId: chosen.id }).where(eq(actions.id, membersOnly.id));

    const titles = async (caller: ReturnType<typeof callerFor>) =>
      (await caller.meetingPoints.get({ meetingPointId: chosen.id })).actions.map((a) => a.id);
    expect(await titles(callerFor(db, team.member))).toEqual(expect.arrayContaining([id, membersOnly.id]));
    const otherGroup = await makeTeam(db);
    for (const outsider of [callerFor(db, null), callerFor(db, otherGroup.member)]) {
      expect(await titles(outsider)).toEqual([id]);
    }
    // The action's page names its point, for everyone who may see both.
    expect((await callerFor(db, null).actions.get({ actionId: id })).meetingPoint).toMatchObject({
      id: chosen.id,
      name: chosen.name,
      status: "chosen",
    });
  });

  it("are untied by their organizers, and no longer listed once cancelled", async () => {
    const db = handle.db;
    const { chosen } = await points();
    const team = await makeTeam(db);
    const organizer = callerFor(db, team.organizer);
    const first = await organizer.actions.create({ groupId: team.group.id, details: details(chosen.id) });
    const second = await organizer.actions.create({ groupId: team.group.id, details: details(chosen.id) });
    await organizer.actions.update({ actionId: first.id, details: details(null) });
    await organizer.actions.cancel({ actionId: second.id });
    expect((await organizer.actions.get({ actionId: first.id })).meetingPoint).toBeNull();
    expect((await callerFor(db, null).meetingPoints.get({ meetingPointId: chosen.id })).actions).toEqual([]);
  });

  it("cannot be tied to a candidate hidden from their organizer, who learns nothing of it", async () => {
    const db = handle.db;
    const { candidate } = await points();
    const team = await makeTeam(db, false);
    const { action } = await makeAction(db, team.group.id);
    const organizer = callerFor(db, team.organizer);
    const hidden = await refusal(
      organizer.actions.update({ actionId: action.id, details: details(candidate.id) }),
    );
    const missing = await refusal(
      organizer.actions.update({ actionId: action.id, details: details(randomUUID()) }),
    );
    // The same answer as for a point that does not exist: its existence is not told.
    expect(hidden).toEqual(missing);
    expect(hidden).toMatchObject({ code: "BAD_REQUEST", message: "Ese punto de encuentro no existe." });
    await expect(
      organizer.actions.create({ groupId: team.group.id, details: details(candidate.id) }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await organizer.meetingPoints.list()).map((p) => p.id)).not.toContain(candidate.id);
    const [stored] = await db
      .select({ meetingPointId: actions.meetingPointId })
      .from(actions)
      .where(eq(actions.id, action.id));
    expect(stored!.meetingPointId).toBeNull();
  });

  it("tied to a candidate by the people deciding, do not disclose it to the public or an unverified group", async () => {
    const db = handle.db;
    const { candidate } = await points();
    const team = await makeTeam(db);
    const { id } = await callerFor(db, team.organizer).actions.create({
      groupId: team.group.id,
      details: details(candidate.id),
    });
    // The deciding see it, on the action and on the point.
    expect((await callerFor(db, team.member).actions.get({ actionId: id })).meetingPoint?.id).toBe(
      candidate.id,
    );
    expect(
      (await callerFor(db, team.member).meetingPoints.get({ meetingPointId: candidate.id })).actions.map(
        (a) => a.id,
      ),
    ).toEqual([id]);

    const unverified = await makeTeam(db, false);
    for (const outsider of [callerFor(db, null), callerFor(db, unverified.coordinator)]) {
      const action = await outsider.actions.get({ actionId: id });
      expect(action.meetingPoint).toBeNull();
      const everything = JSON.stringify([action, await outsider.actions.list({})]);
      expect(everything).not.toContain(candidate.id);
      expect(everything).not.toContain(candidate.name);
      await expect(outsider.meetingPoints.get({ meetingPointId: candidate.id })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    }
  });

  it("stay tied when an organizer who can no longer see the candidate saves the action without it", async () => {
    const db = handle.db;
    const { candidate } = await points();
    const team = await makeTeam(db);
    const organizer = callerFor(db, team.organizer);
    const { id } = await organizer.actions.create({ groupId: team.group.id, details: details(candidate.id) });
    await db.update(groups).set({ verified: false }).where(eq(groups.id, team.group.id));
    const seen = await organizer.actions.get({ actionId: id });
    expect(seen.meetingPoint).toBeNull();
    await organizer.actions.update({
      actionId: id,
      details: { ...details(null), title: "Bienvenida, nueva hora" },
    });
    const admin = callerFor(db, await makeUser(db, { isAdmin: true }));
    expect(await admin.actions.get({ actionId: id })).toMatchObject({
      title: "Bienvenida, nueva hora",
      meetingPoint: { id: candidate.id },
    });
  });
});

describe("caravans expected at a meeting point", () => {
  async function expected() {
    const db = handle.db;
    const { chosen } = await points();
    const elsewhere = await makeMeetingPoint(db, (await makeGroup(db)).id);
    const delegate = await makeUser(db);
    const caravan = await makeCaravan(db, {
      name: `Caravana del Sur ${randomUUID()}`,
      delegateIds: [delegate.id],
    });
    await makeReport(db, caravan.id, {
      headcount: 1400,
      reportedAt: new Date(Date.now() - 3_600_000),
      expected: { meetingPointId: chosen.id, from: "2030-01-08", until: "2030-01-11" },
    });
    await makeReport(db, caravan.id, { headcount: 1500 }); // a newer report naming no point
    // Another caravan first expected here, then at another point: not expected here any more.
    const moved = await makeCaravan(db);
    await makeReport(db, moved.id, {
      reportedAt: new Date(Date.now() - 7_200_000),
      expected: { meetingPointId: chosen.id, from: "2030-01-05" },
    });
    await makeReport(db, moved.id, { expected: { meetingPointId: elsewhere.id, from: "2030-01-20" } });
    return { chosen, caravan, delegate };
  }

  it("show the arrival window and headcount to verified groups and the caravan's delegates", async () => {
    const db = handle.db;
    const { chosen, caravan, delegate } = await expected();
    const team = await makeTeam(db);
    for (const viewer of [team.member, delegate]) {
      const { arrivals } = await callerFor(db, viewer).meetingPoints.get({ meetingPointId: chosen.id });
      expect(arrivals).toEqual([
        expect.objectContaining({
          access: "full",
          id: caravan.id,
          name: caravan.name,
          headcount: 1500,
          estimatedSize: 1200,
          from: "2030-01-08",
          until: "2030-01-11",
          verification: "unverified",
        }),
      ]);
    }
  });

  it("show the public and unverified groups only the caravan's name, region and headcount band", async () => {
    const db = handle.db;
    const { chosen, caravan } = await expected();
    const unverified = await makeTeam(db, false);
    const otherDelegate = await makeUser(db);
    await makeCaravan(db, { delegateIds: [otherDelegate.id] });
    for (const viewer of [null, unverified.coordinator, otherDelegate]) {
      const { arrivals } = await callerFor(db, viewer).meetingPoints.get({ meetingPointId: chosen.id });
      expect(arrivals).toEqual([
        {
          access: "public",
          id: caravan.id,
          name: caravan.name,
          origin: "HN",
          status: "in_transit",
          region: expect.any(String),
          headcountBand: { from: 1000, to: expect.anything() },
        },
      ]);
      const text = JSON.stringify(arrivals);
      for (const secret of ["2030-01-08", "2030-01-11", "1500", "1400", "1200"])
        expect(text).not.toContain(secret);
    }
  });

  it("are not told of a hidden candidate to those who may not see it", async () => {
    const db = handle.db;
    const { candidate } = await points();
    const caravan = await makeCaravan(db);
    await makeReport(db, caravan.id, { expected: { meetingPointId: candidate.id, from: "2030-01-08" } });
    await expect(
      callerFor(db, null).meetingPoints.get({ meetingPointId: candidate.id }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const verified = await makeTeam(db);
    const { arrivals } = await callerFor(db, verified.member).meetingPoints.get({
      meetingPointId: candidate.id,
    });
    expect(arrivals.map((a) => a.id)).toEqual([caravan.id]);
  });

  it("say nothing when no caravan is expected", async () => {
    const db = handle.db;
    const { chosen } = await points();
    const person = await makeUser(db);
    await addMember(db, (await makeGroup(db)).id, person.id, "member");
    expect((await callerFor(db, person).meetingPoints.get({ meetingPointId: chosen.id })).arrivals).toEqual(
      [],
    );
  });
});
