// Posting what others read, as a spammer would, through the caller on the real database: one
// account cannot fill a meeting point's comments, and every procedure that posts text is limited.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { POSTING_LIMITS } from "./posting-limits";
import { appRouter } from "./root";
import { createTestDatabase } from "../test-support/database";
import { callerFor, makeGroup, makeMeetingPoint, makeUser } from "../test-support/factories";
import { postingLimit } from "./trpc";

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

/**
 * The mutations that post no text for others to read: each says why. A new mutation is in this
 * list or in POSTING_LIMITS, or this test fails.
 */
const POSTS_NOTHING: Record<string, string> = {
  "actions.cancel": "a status; the volunteers' notice is Puente's own text",
  "actions.signUp": "a place on a shift (limited per person and address in its router)",
  "actions.signUpByEmail":
    "a request for a place, kept until its own address signs in (limited as sign-in links)",
  "actions.cancelSignup": "a status",
  "actions.checkIn": "a status",
  "actions.createCalendarFeed": "a private link for the caller",
  "actions.revokeCalendarFeed": "the caller's own link",
  "caravans.addDelegate": "a role, by the caravan's editors",
  "caravans.removeDelegate": "a role, by the caravan's editors",
  "caravans.confirm": "a confirmation, once per group and report",
  "needs.withdrawPledge": "a status",
  "needs.deliverPledge": "a status",
  "meetingPoints.shortlist": "a status",
  "decisions.vote": "a ballot, one per voter",
  "decisions.publish": "a time, by a decision coordinator",
  "decisions.ratify": "a caravan's yes or no, one per caravan",
  "decisions.extendRatification": "a time, by a decision coordinator",
  "reviewers.set": "a grant, by admins",
  "groups.requestToJoin": "a request (limited per person in its router)",
  "groups.decideRequest": "a status",
  "groups.changeRole": "a role",
  "groups.removeMember": "a status",
  "groups.leave": "a status",
  "groups.invite": "Puente's own invitation text (limited per person in its router)",
  "groups.answerInvitation": "a status",
  "me.signOutEverywhere": "the caller's own sessions",
  "me.deleteAccount": "the caller's own account",
  "messages.markRead": "the caller's own status",
  "messages.retryFailed": "sends again what failed, once",
  "messages.setPreferences": "the caller's own setting",
  "me.setTimeZone": "the caller's own setting, one of a fixed list",
  "stories.submit": "limited per address in stories.ts: tellers have no account",
  "stories.withdraw": "the teller's own story",
  "stories.decline": "a status",
  "retention.run": "no text",
  "sms.requestCode": "Puente's own code text (limited per number, person and address in phones.ts)",
  "sms.confirmCode": "the caller's own number (5 tries a code)",
  "sms.setChoice": "the caller's own setting",
  "sms.removePhone": "the caller's own number",
};

describe("the procedures that post text others read", () => {
  const procedures = appRouter._def.procedures as unknown as Record<
    string,
    { _def: { type: string; middlewares: unknown[] } }
  >;
  // What `.use(postingLimit)` adds to a procedure: the middleware's one function.
  const [counting] = (postingLimit as unknown as { _middlewares: unknown[] })._middlewares;
  const mutations = Object.keys(procedures).filter((path) => procedures[path]!._def.type === "mutation");

  it("are every mutation not known to post nothing, and each counts against its limit", () => {
    const unclassified = mutations.filter((path) => !(path in POSTING_LIMITS) && !(path in POSTS_NOTHING));
    expect(unclassified).toEqual([]);
    for (const path of Object.keys(POSTING_LIMITS)) {
      expect(mutations, path).toContain(path);
      expect(procedures[path]!._def.middlewares, path).toContain(counting);
    }
  });
});

describe("meeting-point comments", () => {
  it("take 30 an hour from one account, not 250 in a burst, and leave the others theirs", async () => {
    const group = await makeGroup(handle.db);
    const point = await makeMeetingPoint(handle.db, group.id);
    const spammer = callerFor(handle.db, await makeUser(handle.db));
    const limit = POSTING_LIMITS["meetingPoints.comment"]!.points;

    const refused: string[] = [];
    for (let n = 0; n < 250; n++) {
      await spammer.meetingPoints
        .comment({ meetingPointId: point.id, body: `Spam ${n}` })
        .catch((error: unknown) => {
          if (!(error instanceof TRPCError)) throw error;
          refused.push(error.code);
        });
    }
    expect(refused).toHaveLength(250 - limit);
    expect(new Set(refused)).toEqual(new Set(["TOO_MANY_REQUESTS"]));

    const neighbour = callerFor(handle.db, await makeUser(handle.db));
    await neighbour.meetingPoints.comment({ meetingPointId: point.id, body: "Hay sombra y agua aquí." });
    const { comments } = await neighbour.meetingPoints.get({ meetingPointId: point.id });
    expect(comments).toHaveLength(limit + 1);
    expect(comments[0]!.body).toBe("Hay sombra y agua aquí.");
  });

  it("count only valid comments: a mistyped one uses up nothing", async () => {
    const group = await makeGroup(handle.db);
    const point = await makeMeetingPoint(handle.db, group.id);
    const person = callerFor(handle.db, await makeUser(handle.db));
    for (let n = 0; n < 50; n++) {
      await expect(person.meetingPoints.comment({ meetingPointId: point.id, body: "" })).rejects.toThrow();
    }
    await expect(
      person.meetingPoints.comment({ meetingPointId: point.id, body: "Bien" }),
    ).resolves.toBeDefined();
  });
});
