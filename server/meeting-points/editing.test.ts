// A group's proposal is edited by that group's organizers and coordinators: the page's link (the
// `editing` of meetingPoints.get) and meetingPoints.update agree. Tried as the proposer, another
// group's organizer, a member of the group, a stranger and a signed-out reader.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createTestDatabase } from "../../test-support/database";
import {
  addMember,
  callerFor,
  makeDecision,
  makeMeetingPoint,
  makeUser,
  personInGroup,
  refusal,
} from "../../test-support/factories";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const changes = {
  name: "Parque Benito Juárez",
  crossing: "nogales" as const,
  side: "US" as const,
  latitude: 31.33,
  longitude: -110.94,
  capacity: 900,
  safetyNotesEs: "Salida por la calle Grand.",
  legalObservers: true,
  safetyChecklist: { phoneSignal: "good" as const, shelterKm: 1.5 },
};

describe("editing a proposal", () => {
  it("is offered to its own group's organizers and done by them, fields and checklist included", async () => {
    const db = handle.db;
    const proposer = await personInGroup(db, "organizer");
    const point = await makeMeetingPoint(db, proposer.group.id, { status: "proposed" });
    const seen = await proposer.api.meetingPoints.get({ meetingPointId: point.id });
    expect(seen.editing).toEqual({ locked: false });
    expect(seen.groupId).toBe(proposer.group.id);

    await proposer.api.meetingPoints.update({
      meetingPointId: point.id,
      groupId: proposer.group.id,
      details: { ...changes, name: `${changes.name} ${point.id.slice(0, 6)}` },
    });
    const after = await proposer.api.meetingPoints.get({ meetingPointId: point.id });
    expect(after).toMatchObject({
      crossing: "nogales",
      side: "US",
      capacity: 900,
      safetyNotesEs: "Salida por la calle Grand.",
      legalObservers: true,
      safetyChecklist: { phoneSignal: "good", shelterKm: 1.5, exitsAndSightLines: "unknown" },
    });
  });

  it("is neither offered to nor allowed for another group's organizer, a member, a stranger or a signed-out reader", async () => {
    const db = handle.db;
    const proposer = await personInGroup(db, "organizer");
    const point = await makeMeetingPoint(db, proposer.group.id, { status: "proposed" });
    const other = await personInGroup(db, "organizer");
    const member = await makeUser(db);
    await addMember(db, proposer.group.id, member.id, "member");
    const stranger = await makeUser(db);
    for (const actor of [other.person, member, stranger, null]) {
      expect((await callerFor(db, actor).meetingPoints.get({ meetingPointId: point.id })).editing).toBeNull();
    }
    // With their own group's id (the point is not theirs), or with the proposer's (not their group).
    for (const groupId of [other.group.id, proposer.group.id]) {
      const refused = await refusal(
        other.api.meetingPoints.update({ meetingPointId: point.id, groupId, details: changes }),
      );
      expect(refused.code).toBe("FORBIDDEN");
    }
    expect(
      (
        await refusal(
          callerFor(db, member).meetingPoints.update({
            meetingPointId: point.id,
            groupId: proposer.group.id,
            details: changes,
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    const unchanged = await proposer.api.meetingPoints.get({ meetingPointId: point.id });
    expect(unchanged.name).toBe(point.name);
    expect(unchanged.capacity).not.toBe(900);
  });

  it("is locked while the point is an option of a decision being voted on, and says so", async () => {
    const db = handle.db;
    const proposer = await personInGroup(db, "coordinator");
    const a = await makeMeetingPoint(db, proposer.group.id);
    const b = await makeMeetingPoint(db, proposer.group.id);
    await makeDecision(db, [a.id, b.id]);
    expect((await proposer.api.meetingPoints.get({ meetingPointId: a.id })).editing).toEqual({
      locked: true,
    });
    const refused = await refusal(
      proposer.api.meetingPoints.update({
        meetingPointId: a.id,
        groupId: proposer.group.id,
        details: changes,
      }),
    );
    expect(refused.code).toBe("CONFLICT");
  });
});
