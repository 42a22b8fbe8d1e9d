// The object-scoped builders (server/builders.ts), each on a probe procedure of its own: a stranger
// is refused with today's code, the right role gets through, and the handler finds the object the
// builder loaded in its context instead of loading it again.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { Actor } from "./actor";
import {
  caravanCoordinatorProcedure,
  decisionCoordinatorProcedure,
  onAction,
  onCaravan,
  onMessage,
  onShift,
  voterProcedure,
} from "./builders";
import { createTestDatabase } from "../test-support/database";
import {
  addMember,
  makeAction,
  makeCaravan,
  makeGroup,
  makeMessage,
  makeUser,
} from "../test-support/factories";
import { createCallerFactory, router } from "./trpc";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

const probes = router({
  action: onAction("organizer").query(({ ctx }) => ctx.action),
  shift: onShift("organizer").query(({ ctx }) => ctx.action),
  caravanCoordinator: onCaravan("coordinator").query(({ ctx }) => ctx.caravan),
  caravanReporter: onCaravan("reporter").query(({ ctx }) => ctx.caravan),
  message: onMessage("recipient", "organizer").query(({ ctx }) => ctx.message),
  messageOrganizer: onMessage("organizer").query(({ ctx }) => ctx.message),
  caravanCoordinatorOnly: caravanCoordinatorProcedure.query(() => "ok"),
  decisionCoordinatorOnly: decisionCoordinatorProcedure.query(() => "ok"),
  voter: voterProcedure.query(({ ctx }) => ctx.voter),
});
const probeCaller = createCallerFactory(probes);
const as = (actor: Actor | null) =>
  probeCaller({ db: handle.db, actor, locale: "en", origin: "http://puente.test", clientKey: "probe" });

async function codeOf(call: Promise<unknown>) {
  try {
    await call;
    return "ok";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

/** A verified group with its coordinator, organizer and member, one of its actions, and a stranger. */
async function scene(visibility: "public" | "members" = "public") {
  const db = handle.db;
  const group = await makeGroup(db, { verified: true });
  const [coordinator, organizer, member, stranger] = await Promise.all([
    makeUser(db),
    makeUser(db),
    makeUser(db),
    makeUser(db),
  ]);
  await addMember(db, group.id, coordinator.id, "coordinator");
  await addMember(db, group.id, organizer.id, "organizer");
  await addMember(db, group.id, member.id, "member");
  const { action, shift } = await makeAction(db, group.id, { visibility });
  return { group, coordinator, organizer, member, stranger, action, shift };
}

const missing = "00000000-0000-4000-8000-000000000000";

describe("onAction", () => {
  it("lets the action's organizers through and hands the handler the action it loaded", async () => {
    const s = await scene();
    const seen = await as(s.organizer).action({ actionId: s.action.id });
    expect(seen).toMatchObject({ actionId: s.action.id, groupId: s.group.id, role: "organizer" });
    expect(await codeOf(as(s.coordinator).action({ actionId: s.action.id }))).toBe("ok");
  });

  it("refuses a member and a stranger of a public action, and nobody finds a missing one", async () => {
    const s = await scene();
    expect(await codeOf(as(s.member).action({ actionId: s.action.id }))).toBe("FORBIDDEN");
    expect(await codeOf(as(s.stranger).action({ actionId: s.action.id }))).toBe("FORBIDDEN");
    expect(await codeOf(as(s.organizer).action({ actionId: missing }))).toBe("NOT_FOUND");
    expect(await codeOf(as(null).action({ actionId: s.action.id }))).toBe("UNAUTHORIZED");
  });

  it("does not tell a stranger that a members-only action exists", async () => {
    const s = await scene("members");
    expect(await codeOf(as(s.stranger).action({ actionId: s.action.id }))).toBe("NOT_FOUND");
    expect(await codeOf(as(s.member).action({ actionId: s.action.id }))).toBe("FORBIDDEN");
  });
});

describe("onShift", () => {
  it("lets the organizers of the shift's action through, with the action loaded", async () => {
    const s = await scene();
    const seen = await as(s.coordinator).shift({ shiftId: s.shift.id });
    expect(seen).toMatchObject({ actionId: s.action.id, role: "coordinator" });
  });

  it("refuses a stranger, hides members-only shifts, and finds no missing shift", async () => {
    const s = await scene();
    expect(await codeOf(as(s.stranger).shift({ shiftId: s.shift.id }))).toBe("FORBIDDEN");
    expect(await codeOf(as(s.organizer).shift({ shiftId: missing }))).toBe("NOT_FOUND");
    const hidden = await scene("members");
    expect(await codeOf(as(hidden.stranger).shift({ shiftId: hidden.shift.id }))).toBe("NOT_FOUND");
  });
});

describe("onCaravan", () => {
  it("lets coordinators of verified groups and admins edit, with the caravan loaded", async () => {
    const s = await scene();
    const caravan = await makeCaravan(handle.db);
    const admin = await makeUser(handle.db, { isAdmin: true });
    expect(await as(s.coordinator).caravanCoordinator({ caravanId: caravan.id })).toMatchObject({
      id: caravan.id,
      status: "in_transit",
    });
    expect(await codeOf(as(admin).caravanCoordinator({ caravanId: caravan.id }))).toBe("ok");
  });

  it("refuses others as coordinators before looking the caravan up, as before", async () => {
    const s = await scene();
    const caravan = await makeCaravan(handle.db);
    expect(await codeOf(as(s.organizer).caravanCoordinator({ caravanId: caravan.id }))).toBe("FORBIDDEN");
    // A stranger learns nothing from asking about an id that does not exist.
    expect(await codeOf(as(s.stranger).caravanCoordinator({ caravanId: missing }))).toBe("FORBIDDEN");
    expect(await codeOf(as(s.coordinator).caravanCoordinator({ caravanId: missing }))).toBe("NOT_FOUND");
  });

  it("lets the caravan's delegates and members of verified groups report, and says which they are", async () => {
    const s = await scene();
    const delegate = await makeUser(handle.db);
    const caravan = await makeCaravan(handle.db, { delegateIds: [delegate.id] });
    const asDelegate = await as(delegate).caravanReporter({ caravanId: caravan.id });
    expect(asDelegate).toMatchObject({ id: caravan.id, reporter: { isDelegate: true, groups: [] } });
    const asMember = await as(s.member).caravanReporter({ caravanId: caravan.id });
    expect(asMember.reporter.isDelegate).toBe(false);
    expect(asMember.reporter.groups.map((g) => g.id)).toEqual([s.group.id]);
  });

  it("refuses a stranger as a reporter, and an admin who is neither", async () => {
    const s = await scene();
    const caravan = await makeCaravan(handle.db);
    const admin = await makeUser(handle.db, { isAdmin: true });
    expect(await codeOf(as(s.stranger).caravanReporter({ caravanId: caravan.id }))).toBe("FORBIDDEN");
    expect(await codeOf(as(admin).caravanReporter({ caravanId: caravan.id }))).toBe("FORBIDDEN");
    expect(await codeOf(as(s.member).caravanReporter({ caravanId: missing }))).toBe("NOT_FOUND");
  });
});

describe("onMessage", () => {
  it("lets recipients and the sender's co-organizers read, with their standing loaded", async () => {
    const s = await scene();
    const message = await makeMessage(handle.db, s.coordinator, [
      { kind: "group", groupId: s.group.id, roles: ["member"] },
    ]);
    expect(await as(s.member).message({ messageId: message.id })).toEqual({
      id: message.id,
      received: true,
      organizes: false,
    });
    expect(await as(s.organizer).message({ messageId: message.id })).toMatchObject({ organizes: true });
  });

  it("answers a stranger as if the message did not exist, and keeps recipients from organizer rights", async () => {
    const s = await scene();
    const message = await makeMessage(handle.db, s.coordinator, [
      { kind: "group", groupId: s.group.id, roles: ["member"] },
    ]);
    expect(await codeOf(as(s.stranger).message({ messageId: message.id }))).toBe("NOT_FOUND");
    expect(await codeOf(as(s.member).messageOrganizer({ messageId: message.id }))).toBe("NOT_FOUND");
    expect(await codeOf(as(s.coordinator).messageOrganizer({ messageId: message.id }))).toBe("ok");
    expect(await codeOf(as(s.coordinator).message({ messageId: missing }))).toBe("NOT_FOUND");
  });
});

describe("the coordinators' builders", () => {
  it("let coordinators of verified groups and admins through, and nobody else", async () => {
    const s = await scene();
    const admin = await makeUser(handle.db, { isAdmin: true });
    const unverified = await makeGroup(handle.db, { verified: false });
    const unvettedCoordinator = await makeUser(handle.db);
    await addMember(handle.db, unverified.id, unvettedCoordinator.id, "coordinator");
    for (const probe of ["caravanCoordinatorOnly", "decisionCoordinatorOnly"] as const) {
      expect(await codeOf(as(s.coordinator)[probe]())).toBe("ok");
      expect(await codeOf(as(admin)[probe]())).toBe("ok");
      expect(await codeOf(as(s.organizer)[probe]())).toBe("FORBIDDEN");
      expect(await codeOf(as(unvettedCoordinator)[probe]())).toBe("FORBIDDEN");
      expect(await codeOf(as(null)[probe]())).toBe("UNAUTHORIZED");
    }
  });
});

describe("voterProcedure", () => {
  it("lets a verified group's coordinators and organizers vote for it, and a caravan's delegates for it", async () => {
    const s = await scene();
    const delegate = await makeUser(handle.db);
    const caravan = await makeCaravan(handle.db, { delegateIds: [delegate.id] });
    expect(await as(s.organizer).voter({ groupId: s.group.id })).toEqual({
      kind: "group",
      groupId: s.group.id,
    });
    expect(await codeOf(as(s.coordinator).voter({ groupId: s.group.id }))).toBe("ok");
    expect(await as(delegate).voter({ caravanId: caravan.id })).toEqual({
      kind: "delegate",
      caravanId: caravan.id,
    });
  });

  it("refuses members, strangers, admins, the unverified, and ballots naming both or neither", async () => {
    const s = await scene();
    const caravan = await makeCaravan(handle.db);
    const admin = await makeUser(handle.db, { isAdmin: true });
    const unverified = await makeGroup(handle.db, { verified: false });
    await addMember(handle.db, unverified.id, s.organizer.id, "organizer");
    expect(await codeOf(as(s.member).voter({ groupId: s.group.id }))).toBe("FORBIDDEN");
    expect(await codeOf(as(s.stranger).voter({ groupId: s.group.id }))).toBe("FORBIDDEN");
    expect(await codeOf(as(admin).voter({ groupId: s.group.id }))).toBe("FORBIDDEN");
    expect(await codeOf(as(s.organizer).voter({ groupId: unverified.id }))).toBe("FORBIDDEN");
    expect(await codeOf(as(s.organizer).voter({ caravanId: caravan.id }))).toBe("FORBIDDEN");
    expect(await codeOf(as(s.organizer).voter({ groupId: s.group.id, caravanId: caravan.id }))).toBe(
      "BAD_REQUEST",
    );
    expect(await codeOf(as(s.organizer).voter({}))).toBe("BAD_REQUEST");
  });
});
