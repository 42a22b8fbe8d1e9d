import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { createTestDatabase } from "../../test-support/database";
import {
  addMember,
  callerFor,
  makeGroup,
  makeMeetingPoint,
  makeUser,
  personInGroup,
} from "../../test-support/factories";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

describe("meeting points", () => {
  it("are proposed by organizers of verified groups, and shortlisted or rejected by reviewers, on the record", async () => {
    const { group, api } = await personInGroup(handle.db, "organizer");
    const details = {
      name: "Parque Amistad",
      crossing: "nogales" as const,
      side: "MX" as const,
      latitude: 31.33,
      longitude: -110.94,
      capacity: 800,
      facilitiesEs: "Baños, sombra",
      facilitiesEn: "Toilets, shade",
      legalObservers: true,
    };
    const { id } = await api.meetingPoints.propose({ groupId: group.id, details });
    await expect(api.meetingPoints.propose({ groupId: group.id, details })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    // A coordinator of another verified group, named a reviewer by an admin.
    const coordinator = await makeUser(handle.db, { reviewer: true });
    const other = await makeGroup(handle.db);
    await addMember(handle.db, other.id, coordinator.id, "coordinator");
    await callerFor(handle.db, coordinator).meetingPoints.shortlist({ meetingPointId: id });
    const point = await callerFor(handle.db, null).meetingPoints.get({ meetingPointId: id });
    expect(point).toMatchObject({ status: "shortlisted", legalObservers: true, canReview: false });
    // The page offers review to whom the procedures allow it: the reviewer, not the proposer.
    expect(
      (await callerFor(handle.db, coordinator).meetingPoints.get({ meetingPointId: id })).canReview,
    ).toBe(true);
    expect((await api.meetingPoints.get({ meetingPointId: id })).canReview).toBe(false);
    const audit = await handle.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, id));
    expect(audit.map((a) => a.action).sort()).toEqual(["meeting_point.propose", "meeting_point.shortlist"]);
  });

  it("cannot be proposed by an unverified group, nor reviewed by a coordinator of one", async () => {
    const { group, api } = await personInGroup(handle.db, "organizer", { verified: false });
    await expect(
      api.meetingPoints.propose({
        groupId: group.id,
        details: {
          name: "Garita Otay",
          crossing: "san_ysidro_tijuana",
          side: "MX",
          latitude: 32.55,
          longitude: -116.94,
          capacity: 50,
        },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const coordinator = await makeUser(handle.db);
    await addMember(handle.db, group.id, coordinator.id, "coordinator");
    const verified = await makeGroup(handle.db);
    const point = await makeMeetingPoint(handle.db, verified.id, { status: "proposed" });
    await expect(
      callerFor(handle.db, coordinator).meetingPoints.shortlist({ meetingPointId: point.id }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
