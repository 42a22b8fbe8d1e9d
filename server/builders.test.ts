// The object-scoped builders (server/builders.ts), each on a probe procedure of its own: a stranger
// is refused with today's code, the right role gets through, and the handler finds the object the
// builder loaded in its context instead of loading it again.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { Actor } from "./actor";
import {
  caravanCoordinatorProcedure,
  caravanViewerProcedure,
  decisionCoordinatorProcedure,
  onAction,
  onCaravan,
  onMeetingPoint,
  onMessage,
  onReport,
  onShift,
  onSignup,
  onThread,
  organizerProcedure,
  voterProcedure,
} from "./builders";
import { createTestDatabase } from "../test-support/database";
import {
  addMember,
  callerFor,
  makeAction,
  makeCaravan,
  makeDecision,
  makeGroup,
  makeMeetingPoint,
  makeMessage,
  makeReport,
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
  signup: onSignup("organizer").query(({ ctx }) => ({ action: ctx.action, signup: ctx.signup })),
  report: onReport("confirmer").query(({ ctx }) => ctx.report),
  thread: onThread("recipient", "organizer").query(({ ctx }) => ctx.thread),
  meetingPoint: onMeetingPoint("reader").query(({ ctx }) => ctx.meetingPoint),
  organizerOnly: organizerProcedure.query(({ ctx }) => ctx.organizedGroups),
  caravanViewerOnly: caravanViewerProcedure.query(({ ctx }) => ctx.caravanViewer.access),
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

describe("onSignup", () => {
  it("lets the organizers of the signup's action through, with the signup and the action loaded", async () => {
    const s = await scene();
    const signup = await callerFor(handle.db, s.member).actions.signUp({ shiftId: s.shift.id });
    const seen = await as(s.organizer).signup({ signupId: signup.id });
    expect(seen.action).toMatchObject({ actionId: s.action.id, role: "organizer" });
    expect(seen.signup).toMatchObject({ id: signup.id, status: "confirmed" });
    expect(seen.signup.shiftStartsAt).toBeInstanceOf(Date);
  });

  it("refuses the volunteer themself and a stranger, hides members-only signups, and finds no missing one", async () => {
    const s = await scene();
    const signup = await callerFor(handle.db, s.member).actions.signUp({ shiftId: s.shift.id });
    expect(await codeOf(as(s.member).signup({ signupId: signup.id }))).toBe("FORBIDDEN");
    expect(await codeOf(as(s.stranger).signup({ signupId: signup.id }))).toBe("FORBIDDEN");
    expect(await codeOf(as(s.organizer).signup({ signupId: missing }))).toBe("NOT_FOUND");
    const hidden = await scene("members");
    const theirs = await callerFor(handle.db, hidden.member).actions.signUp({ shiftId: hidden.shift.id });
    expect(await codeOf(as(hidden.stranger).signup({ signupId: theirs.id }))).toBe("NOT_FOUND");
  });
});

describe("onReport", () => {
  it("lets a second verified group confirm for itself, and a coordinator; never the reporter", async () => {
    const s = await scene();
    const caravan = await makeCaravan(handle.db);
    const other = await makeGroup(handle.db, { verified: true });
    const reporter = await makeUser(handle.db);
    await addMember(handle.db, other.id, reporter.id, "member");
    const { report } = await makeReport(handle.db, caravan.id, {
      reportedBy: reporter.id,
      reporterGroupId: other.id,
    });
    expect(await as(s.member).report({ reportId: report.id })).toEqual({
      id: report.id,
      verification: "unverified",
      confirmedGroupId: s.group.id,
    });
    expect(await codeOf(as(reporter).report({ reportId: report.id }))).toBe("FORBIDDEN");
    expect(await codeOf(as(s.member).report({ reportId: report.id, groupId: other.id }))).toBe("FORBIDDEN");
    expect(await codeOf(as(s.stranger).report({ reportId: report.id }))).toBe("FORBIDDEN");
    expect(await codeOf(as(s.member).report({ reportId: missing }))).toBe("NOT_FOUND");
  });

  it("refuses the reporter's own group, but not its coordinator, who confirms for no group", async () => {
    const s = await scene();
    const caravan = await makeCaravan(handle.db);
    const { report } = await makeReport(handle.db, caravan.id, { reporterGroupId: s.group.id });
    expect(await codeOf(as(s.member).report({ reportId: report.id }))).toBe("FORBIDDEN");
    expect(await as(s.coordinator).report({ reportId: report.id })).toMatchObject({ confirmedGroupId: null });
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

describe("onThread", () => {
  it("lets a recipient write in their own thread, and the organizers in any recipient's", async () => {
    const s = await scene();
    const message = await makeMessage(handle.db, s.coordinator, [
      { kind: "group", groupId: s.group.id, roles: ["member"] },
    ]);
    expect(await as(s.member).thread({ messageId: message.id })).toEqual({
      messageId: message.id,
      threadUserId: s.member.id,
    });
    expect(await as(s.organizer).thread({ messageId: message.id, threadUserId: s.member.id })).toEqual({
      messageId: message.id,
      threadUserId: s.member.id,
    });
  });

  it("finds no thread for a stranger, a recipient in another's, an organizer in their own or a non-recipient's", async () => {
    const s = await scene();
    const message = await makeMessage(handle.db, s.coordinator, [
      { kind: "group", groupId: s.group.id, roles: ["member"] },
    ]);
    const thread = (actor: Actor, threadUserId?: string) =>
      codeOf(as(actor).thread({ messageId: message.id, threadUserId }));
    expect(await thread(s.stranger)).toBe("NOT_FOUND");
    expect(await thread(s.member, s.organizer.id)).toBe("NOT_FOUND");
    expect(await thread(s.organizer)).toBe("NOT_FOUND");
    expect(await thread(s.organizer, s.stranger.id)).toBe("NOT_FOUND");
  });
});

describe("onMeetingPoint", () => {
  it("lets anyone signed in read a public place, and only the people deciding a hidden candidate", async () => {
    const s = await scene();
    const place = await makeMeetingPoint(handle.db, s.group.id, { status: "proposed" });
    const [a, b] = [
      await makeMeetingPoint(handle.db, s.group.id),
      await makeMeetingPoint(handle.db, s.group.id),
    ];
    await makeDecision(handle.db, [a.id, b.id]);
    expect(await as(s.stranger).meetingPoint({ meetingPointId: place.id })).toEqual({ id: place.id });
    expect(await codeOf(as(s.stranger).meetingPoint({ meetingPointId: a.id }))).toBe("NOT_FOUND");
    expect(await codeOf(as(s.member).meetingPoint({ meetingPointId: a.id }))).toBe("ok");
    expect(await codeOf(as(s.member).meetingPoint({ meetingPointId: missing }))).toBe("NOT_FOUND");
    expect(await codeOf(as(null).meetingPoint({ meetingPointId: place.id }))).toBe("UNAUTHORIZED");
  });
});

describe("the role procedures", () => {
  it("let the organizers of any group, verified or not, and admins read the overview, with their groups", async () => {
    const s = await scene();
    const admin = await makeUser(handle.db, { isAdmin: true });
    const unverified = await makeGroup(handle.db, { verified: false });
    const unvettedOrganizer = await makeUser(handle.db);
    await addMember(handle.db, unverified.id, unvettedOrganizer.id, "organizer");
    expect((await as(s.organizer).organizerOnly()).map((g) => g.id)).toEqual([s.group.id]);
    expect(await codeOf(as(unvettedOrganizer).organizerOnly())).toBe("ok");
    expect(await as(admin).organizerOnly()).toEqual([]);
    expect(await codeOf(as(s.member).organizerOnly())).toBe("FORBIDDEN");
    expect(await codeOf(as(s.stranger).organizerOnly())).toBe("FORBIDDEN");
  });

  it("let members of verified groups and admins read every caravan in full; not a delegate, not the unverified", async () => {
    const s = await scene();
    const admin = await makeUser(handle.db, { isAdmin: true });
    const delegate = await makeUser(handle.db);
    await makeCaravan(handle.db, { delegateIds: [delegate.id] });
    const unverified = await makeGroup(handle.db, { verified: false });
    const unvettedCoordinator = await makeUser(handle.db);
    await addMember(handle.db, unverified.id, unvettedCoordinator.id, "coordinator");
    expect(await as(s.member).caravanViewerOnly()).toBe("full");
    expect(await codeOf(as(admin).caravanViewerOnly())).toBe("ok");
    expect(await codeOf(as(delegate).caravanViewerOnly())).toBe("FORBIDDEN");
    expect(await codeOf(as(unvettedCoordinator).caravanViewerOnly())).toBe("FORBIDDEN");
    expect(await codeOf(as(null).caravanViewerOnly())).toBe("UNAUTHORIZED");
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
