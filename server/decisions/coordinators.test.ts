// Naming a decision's coordinators and its ratification window as it opens, and who is offered the
// controls of a decision on its page: tried as the opener, a coordinator they named, a coordinator
// nobody named, an organizer, a coordinator of an unverified group and a stranger.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { decisionCoordinators, decisions } from "@/db/schema";
import { createTestDatabase } from "../../test-support/database";
import {
  callerFor,
  makeCaravan,
  makeMeetingPoint,
  makeUser,
  personInGroup,
  refusal,
} from "../../test-support/factories";
import { closeDecision } from "./closing";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

describe("the coordinators an opener may name", () => {
  it("are the coordinators of verified groups, by name and group, not the opener, nor organizers or unverified groups' coordinators", async () => {
    const db = handle.db;
    const opener = await personInGroup(db, "coordinator");
    const other = await personInGroup(db, "coordinator");
    const organizer = await personInGroup(db, "organizer");
    const unverified = await personInGroup(db, "coordinator", { verified: false });

    const choices = await opener.api.decisions.coordinatorChoices();
    const ids = choices.map((c) => c.userId);
    expect(choices).toContainEqual({
      userId: other.person.id,
      name: other.person.name,
      groups: [other.group.name],
    });
    expect(ids).not.toContain(opener.person.id);
    expect(ids).not.toContain(organizer.person.id);
    expect(ids).not.toContain(unverified.person.id);
    // Names and groups only: no address reaches the form.
    expect(JSON.stringify(choices)).not.toContain("@");
  });

  it("are read only by the people who may open a decision", async () => {
    const db = handle.db;
    const organizer = await personInGroup(db, "organizer");
    const unverified = await personInGroup(db, "coordinator", { verified: false });
    const stranger = await makeUser(db);
    expect((await refusal(organizer.api.decisions.coordinatorChoices())).code).toBe("FORBIDDEN");
    expect((await refusal(unverified.api.decisions.coordinatorChoices())).code).toBe("FORBIDDEN");
    expect((await refusal(callerFor(db, stranger).decisions.coordinatorChoices())).code).toBe("FORBIDDEN");
    expect((await refusal(callerFor(db, null).decisions.coordinatorChoices())).code).toBe("UNAUTHORIZED");
    const admin = await makeUser(db, { isAdmin: true });
    expect(Array.isArray(await callerFor(db, admin).decisions.coordinatorChoices())).toBe(true);
  });
});

describe("opening a decision", () => {
  it("names a second coordinator and a 24-hour window: the caravans get 24 hours, and only its coordinators are offered its controls", async () => {
    const db = handle.db;
    const opener = await personInGroup(db, "coordinator");
    const named = await personInGroup(db, "coordinator");
    const unnamed = await personInGroup(db, "coordinator");
    const a = await makeMeetingPoint(db, opener.group.id);
    const b = await makeMeetingPoint(db, opener.group.id);
    const { id } = await opener.api.decisions.open({
      question: "¿Dónde recibimos a la caravana?",
      method: "irv",
      meetingPointIds: [a.id, b.id],
      timeZone: "America/Tijuana",
      closesDate: tomorrow(),
      closesTime: "18:00",
      quorum: 1,
      coordinatorIds: [named.person.id],
      ratifyHours: 24,
    });
    const coordinators = await db
      .select({ userId: decisionCoordinators.userId })
      .from(decisionCoordinators)
      .where(eq(decisionCoordinators.decisionId, id));
    expect(coordinators.map((c) => c.userId).sort()).toEqual([opener.person.id, named.person.id].sort());

    // A caravan votes; at closing its winner goes to the caravans, for 24 hours.
    const delegate = await makeUser(db);
    const caravan = await makeCaravan(db, { delegateIds: [delegate.id] });
    await callerFor(db, delegate).decisions.vote({ decisionId: id, caravanId: caravan.id, choices: [a.id] });
    await db
      .update(decisions)
      .set({ opensAt: sql`now() - interval '1 hour'`, closesAt: sql`now() - interval '1 second'` })
      .where(eq(decisions.id, id));
    expect(await closeDecision(db, id)).toBe("closed");
    const seen = await named.api.decisions.get({ decisionId: id });
    expect(seen.phase).toBe("ratifying");
    const hours = (seen.ratification!.ratifyBy.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThan(24.1);

    // The people deciding read who runs it and the caravans' window; a signed-out reader neither.
    const deciding = await callerFor(db, delegate).decisions.get({ decisionId: id });
    expect(deciding.coordinatorNames.sort()).toEqual([opener.person.name, named.person.name].sort());
    expect(deciding.ratifyHours).toBe(24);
    const anonymous = await callerFor(db, null).decisions.get({ decisionId: id });
    expect(anonymous.coordinatorNames).toEqual([]);
    expect(anonymous.ratifyHours).toBeNull();

    // The controls follow the procedures: the named coordinator and an admin, not another verified coordinator.
    expect(seen.coordinates).toBe(true);
    expect(seen.ratification!.canExtend).toBe(true);
    const admin = await callerFor(db, await makeUser(db, { isAdmin: true })).decisions.get({
      decisionId: id,
    });
    expect(admin.coordinates && admin.ratification!.canExtend).toBe(true);
    const outsider = await unnamed.api.decisions.get({ decisionId: id });
    expect(outsider.coordinates).toBe(false);
    expect(outsider.ratification!.canExtend).toBe(false);
    expect(
      (await refusal(unnamed.api.decisions.extendRatification({ decisionId: id, hours: 24 }))).code,
    ).toBe("FORBIDDEN");
    const asDelegate = await callerFor(db, delegate).decisions.get({ decisionId: id });
    expect(asDelegate.ratification!.canExtend).toBe(false);
    await named.api.decisions.extendRatification({ decisionId: id, hours: 12 });
  });

  it("refuses a window outside 1 to 336 hours on its field, and opens nothing", async () => {
    const db = handle.db;
    const opener = await personInGroup(db, "coordinator");
    const a = await makeMeetingPoint(db, opener.group.id);
    const b = await makeMeetingPoint(db, opener.group.id);
    for (const ratifyHours of [0, 337]) {
      const refused = await refusal(
        opener.api.decisions.open({
          question: "¿Dónde recibimos a la caravana?",
          method: "irv",
          meetingPointIds: [a.id, b.id],
          timeZone: "America/Tijuana",
          closesDate: tomorrow(),
          closesTime: "18:00",
          quorum: 1,
          ratifyHours,
        }),
      );
      expect(refused.code).toBe("BAD_REQUEST");
      expect(Object.keys(refused.fieldErrors ?? {})).toEqual(["ratifyHours"]);
    }
    const opened = await db
      .select({ id: decisions.id })
      .from(decisions)
      .where(and(eq(decisions.openedBy, opener.person.id)));
    expect(opened).toHaveLength(0);
  });
});
