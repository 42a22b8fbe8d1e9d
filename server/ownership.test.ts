// Who may change what others own, tried as an attacker would: a coordinator of another verified
// group, a delegate of another caravan, a coordinator nobody named. Through the API, on the real
// database.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, caravans, decisionCoordinators, safetyObjections } from "@/db/schema";
import { createTestDatabase } from "../test-support/database";
import {
  addMember,
  callerFor,
  makeCaravan,
  makeDecision,
  makeMeetingPoint,
  makeStory,
  makeUser,
  personInGroup,
} from "../test-support/factories";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const details = (name: string) => ({
  name,
  origin: "HN" as const,
  departureDate: "2026-10-12",
  estimatedSize: 1500,
  status: "in_transit" as const,
});

/** A caravan registered by a verified group's coordinator, with one delegate; and outsiders. */
async function registeredCaravan() {
  const db = handle.db;
  const registrar = await personInGroup(db, "coordinator");
  const { id } = await registrar.api.caravans.create({ details: details("Caravana del Sur") });
  const delegate = await makeUser(db);
  const otherDelegate = await makeUser(db);
  await makeCaravan(db, { delegateIds: [otherDelegate.id] });
  await callerFor(db, await makeUser(db, { isAdmin: true })).caravans.addDelegate({
    caravanId: id,
    email: delegate.email,
  });
  const otherCoordinator = await personInGroup(db, "coordinator");
  return { id, registrar, delegate, otherDelegate, otherCoordinator };
}

describe("a caravan", () => {
  it("is renamed only by its delegates, the coordinators of the group that registered it, and admins", async () => {
    const db = handle.db;
    const c = await registeredCaravan();
    const rename = (actor: Parameters<typeof callerFor>[1], name: string) =>
      callerFor(db, actor).caravans.update({ caravanId: c.id, details: details(name) });

    await expect(rename(c.otherCoordinator.person, "Caravana Falsa")).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(rename(c.otherDelegate, "Caravana Falsa")).rejects.toMatchObject({ code: "FORBIDDEN" });
    const organizer = await makeUser(db);
    await addMember(db, c.registrar.group.id, organizer.id, "organizer");
    await expect(rename(organizer, "Caravana Falsa")).rejects.toMatchObject({ code: "FORBIDDEN" });
    const [untouched] = await db.select({ name: caravans.name }).from(caravans).where(eq(caravans.id, c.id));
    expect(untouched!.name).toBe("Caravana del Sur");

    await rename(c.delegate, "Caravana del Sur (Tapachula)");
    await rename(c.registrar.person, "Caravana del Sur (Oaxaca)");
    await rename(await makeUser(db, { isAdmin: true }), "Caravana del Sur (Puebla)");
    const [renamed] = await db.select({ name: caravans.name }).from(caravans).where(eq(caravans.id, c.id));
    expect(renamed!.name).toBe("Caravana del Sur (Puebla)");
  });

  it("gets its delegates from the same people, never from another caravan's delegate or group", async () => {
    const db = handle.db;
    const c = await registeredCaravan();
    const newcomer = await makeUser(db);
    for (const outsider of [c.otherCoordinator.person, c.otherDelegate]) {
      await expect(
        callerFor(db, outsider).caravans.addDelegate({ caravanId: c.id, email: outsider.email }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(
        callerFor(db, outsider).caravans.removeDelegate({ caravanId: c.id, userId: c.delegate.id }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await callerFor(db, c.delegate).caravans.addDelegate({ caravanId: c.id, email: newcomer.email });
    await callerFor(db, c.registrar.person).caravans.removeDelegate({ caravanId: c.id, userId: newcomer.id });
  });
});

describe("stories", () => {
  it("are reviewed only by people an admin made reviewers, and the grant is audited", async () => {
    const db = handle.db;
    const coordinator = await personInGroup(db, "coordinator");
    const admin = await makeUser(db, { isAdmin: true });
    const story = await makeStory(db);
    await expect(coordinator.api.stories.queue()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(coordinator.api.stories.decline({ storyId: story.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      coordinator.api.reviewers.set({ userId: coordinator.person.id, reviewer: true }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });

    await callerFor(db, admin).reviewers.set({ userId: coordinator.person.id, reviewer: true });
    expect((await coordinator.api.stories.queue()).map((s) => s.id)).toContain(story.id);
    expect((await callerFor(db, admin).reviewers.list()).map((r) => r.id)).toContain(coordinator.person.id);

    await callerFor(db, admin).reviewers.set({ userId: coordinator.person.id, reviewer: false });
    await expect(coordinator.api.stories.queue()).rejects.toMatchObject({ code: "FORBIDDEN" });
    const audited = await db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, coordinator.person.id));
    expect(audited.map((a) => a.action).sort()).toEqual(["user.reviewer_grant", "user.reviewer_revoke"]);
  });
});

describe("meeting points", () => {
  it("are shortlisted or rejected only by reviewers and admins, not by any verified coordinator", async () => {
    const db = handle.db;
    const proposer = await personInGroup(db, "organizer");
    const point = await makeMeetingPoint(db, proposer.group.id, { status: "proposed" });
    const stranger = await personInGroup(db, "coordinator");
    await expect(stranger.api.meetingPoints.shortlist({ meetingPointId: point.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      stranger.api.meetingPoints.reject({ meetingPointId: point.id, note: "No nos gusta ese lugar." }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const reviewer = await personInGroup(db, "coordinator");
    await callerFor(db, await makeUser(db, { isAdmin: true })).reviewers.set({
      userId: reviewer.person.id,
      reviewer: true,
    });
    await reviewer.api.meetingPoints.shortlist({ meetingPointId: point.id });
  });

  it("are edited by the proposing group's organizers only", async () => {
    const db = handle.db;
    const proposer = await personInGroup(db, "organizer");
    const point = await makeMeetingPoint(db, proposer.group.id, { status: "proposed" });
    const changes = {
      name: "Parque Benito Juárez",
      crossing: "san_ysidro_tijuana" as const,
      side: "MX" as const,
      latitude: 32.53,
      longitude: -117.02,
      capacity: 800,
    };
    const other = await personInGroup(db, "coordinator");
    await expect(
      other.api.meetingPoints.update({ meetingPointId: point.id, groupId: other.group.id, details: changes }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await proposer.api.meetingPoints.update({
      meetingPointId: point.id,
      groupId: proposer.group.id,
      details: changes,
    });
    const after = await callerFor(db, proposer.person).meetingPoints.get({ meetingPointId: point.id });
    expect(after).toMatchObject({ name: "Parque Benito Juárez", capacity: 800 });
  });
});

describe("a decision", () => {
  it("is run by the coordinators it names when it opens: another verified coordinator cannot resolve its objections", async () => {
    const db = handle.db;
    const opener = await personInGroup(db, "coordinator");
    const named = await personInGroup(db, "coordinator");
    const unnamed = await personInGroup(db, "coordinator");
    const a = await makeMeetingPoint(db, opener.group.id);
    const b = await makeMeetingPoint(db, opener.group.id);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const { id } = await opener.api.decisions.open({
      question: "¿Dónde nos encontramos?",
      method: "irv",
      meetingPointIds: [a.id, b.id],
      timeZone: "America/Tijuana",
      closesDate: tomorrow,
      closesTime: "18:00",
      quorum: 1,
      coordinatorIds: [named.person.id],
    });
    const coordinators = await db
      .select({ userId: decisionCoordinators.userId })
      .from(decisionCoordinators)
      .where(eq(decisionCoordinators.decisionId, id));
    expect(coordinators.map((c) => c.userId).sort()).toEqual([opener.person.id, named.person.id].sort());

    const voter = await personInGroup(db, "organizer");
    const objection = await voter.api.decisions.raiseObjection({
      decisionId: id,
      groupId: voter.group.id,
      meetingPointId: a.id,
      reason: "Hay un retén de migración a 200 m de la plaza.",
    });
    const resolution = "Acordamos reunirnos de día, con observadores legales presentes.";
    await expect(
      unnamed.api.decisions.resolveObjection({ objectionId: objection.id, resolution }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const [open] = await db
      .select({ resolvedAt: safetyObjections.resolvedAt })
      .from(safetyObjections)
      .where(and(eq(safetyObjections.id, objection.id)));
    expect(open!.resolvedAt).toBeNull();
    await named.api.decisions.resolveObjection({ objectionId: objection.id, resolution });
  });

  it("refuses to name as its coordinator someone who coordinates no verified group", async () => {
    const db = handle.db;
    const opener = await personInGroup(db, "coordinator");
    const unverified = await personInGroup(db, "coordinator", { verified: false });
    const a = await makeMeetingPoint(db, opener.group.id);
    const b = await makeMeetingPoint(db, opener.group.id);
    const decision = await makeDecision(db, [a.id, b.id]);
    expect(decision.id).toBeTruthy();
    await expect(
      opener.api.decisions.open({
        question: "¿Dónde nos encontramos?",
        method: "irv",
        meetingPointIds: [a.id, b.id],
        timeZone: "America/Tijuana",
        closesDate: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
        closesTime: "18:00",
        quorum: 1,
        coordinatorIds: [unverified.person.id],
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
