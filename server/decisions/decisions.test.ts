import { and, eq, sql } from "drizzle-orm";
import { formatInTimeZone } from "date-fns-tz";
import { describe, expect, it } from "vitest";
import { auditEvents, ballots, decisions, jobs, meetingPoints } from "@/db/schema";
import { runDueJobs } from "../jobs/worker";
import { publishedKeys } from "../signing/keys";
import { verifyText } from "../signing/statement";
import { latestStatement } from "../signing/statements";
import {
  addMember,
  callerFor,
  makeDecision,
  makeGroup,
  makeMeetingPoint,
  makeUser,
} from "../../test-support/factories";
import { setUpDatabase, setUpMailbox } from "../../test-support/setup";
import { readBallotFile, writeBallotFile } from "./ballot-file";
import { countBallots, relabel } from "./count";

const handle = setUpDatabase();
const mailbox = setUpMailbox();

/** A verified group with an organizer who votes for it. */
async function votingGroup(options: { verified?: boolean; preferredLanguage?: "es" | "en" } = {}) {
  const db = handle.db;
  const group = await makeGroup(db, { verified: options.verified ?? true });
  const organizer = await makeUser(db, { preferredLanguage: options.preferredLanguage ?? "es" });
  await addMember(db, group.id, organizer.id, "organizer");
  return { group, organizer, api: callerFor(db, organizer) };
}

async function threePoints() {
  const { group } = await votingGroup();
  return Promise.all(
    ["Tijuana", "Nogales", "Juárez"].map((n) =>
      makeMeetingPoint(handle.db, group.id, { name: `${n} ${Math.random().toString(36).slice(2, 8)}` }),
    ),
  );
}

const tomorrow = () => formatInTimeZone(new Date(Date.now() + 86_400_000), "America/Tijuana", "yyyy-MM-dd");

/** Moves a decision (and its closing job) to its closing time now, as if the clock had run on. */
async function reachClosingTime(decisionId: string) {
  await handle.db
    .update(decisions)
    .set({ opensAt: sql`now() - interval '2 hours'`, closesAt: sql`now() - interval '1 second'` })
    .where(eq(decisions.id, decisionId));
  await handle.db
    .update(jobs)
    .set({ runAt: sql`now() - interval '1 second'` })
    .where(eq(jobs.dedupeKey, `decision.close:${decisionId}`));
}

describe("a decision", () => {
  it("is opened by a coordinator between shortlisted points only, with its closing job queued", async () => {
    const [a, b, c] = await threePoints();
    const admin = await makeUser(handle.db, { isAdmin: true });
    const api = callerFor(handle.db, admin);
    const input = {
      question: "¿Dónde recibimos a la caravana?",
      method: "irv" as const,
      meetingPointIds: [a!.id, b!.id],
      timeZone: "America/Tijuana" as const,
      closesDate: tomorrow(),
      closesTime: "18:00",
      quorum: 2,
    };
    const { id } = await api.decisions.open(input);
    const [job] = await handle.db
      .select()
      .from(jobs)
      .where(eq(jobs.dedupeKey, `decision.close:${id}`));
    expect(job).toMatchObject({ kind: "decision.close", payload: { decisionId: id } });
    const [stored] = await handle.db.select().from(decisions).where(eq(decisions.id, id));
    expect(job!.runAt).toEqual(stored!.closesAt);
    await handle.db.update(meetingPoints).set({ status: "rejected" }).where(eq(meetingPoints.id, c!.id));
    await expect(api.decisions.open({ ...input, meetingPointIds: [a!.id, c!.id] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("counts only a group's last ballot, and refuses bad ballots without changing anything", async () => {
    const [a, b, c] = await threePoints();
    const decision = await makeDecision(handle.db, [a!.id, b!.id]);
    const { group, api } = await votingGroup();
    const vote = (choices: string[], groupId = group.id, decisionId = decision.id) =>
      api.decisions.vote({ decisionId, groupId, choices });
    await vote([a!.id, b!.id]);
    await vote([b!.id, a!.id]);
    const stored = () =>
      handle.db.select({ choices: ballots.choices }).from(ballots).where(eq(ballots.decisionId, decision.id));
    expect(await stored()).toEqual([{ choices: [b!.id, a!.id] }]);

    await expect(vote([c!.id])).rejects.toMatchObject({ code: "BAD_REQUEST", message: "notAnOption" });
    await expect(vote([a!.id, a!.id])).rejects.toMatchObject({ code: "BAD_REQUEST", message: "rankedTwice" });
    const notYet = await makeDecision(handle.db, [a!.id, b!.id], { opensInMinutes: 30 });
    await expect(vote([a!.id], group.id, notYet.id)).rejects.toMatchObject({
      code: "CONFLICT",
      message: "decisionNotOpenYet",
    });
    const over = await makeDecision(handle.db, [a!.id, b!.id], { closesInMinutes: -1 });
    await expect(vote([a!.id], group.id, over.id)).rejects.toMatchObject({
      code: "CONFLICT",
      message: "decisionClosed",
    });
    const someoneElses = await makeGroup(handle.db);
    await expect(vote([a!.id], someoneElses.id)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "notGroupVoter",
    });
    const member = await makeUser(handle.db);
    await addMember(handle.db, group.id, member.id, "member");
    await expect(
      callerFor(handle.db, member).decisions.vote({
        decisionId: decision.id,
        groupId: group.id,
        choices: [a!.id],
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const unverified = await votingGroup({ verified: false });
    await expect(
      unverified.api.decisions.vote({
        decisionId: decision.id,
        groupId: unverified.group.id,
        choices: [a!.id],
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: "groupCannotVote" });

    expect(await stored()).toEqual([{ choices: [b!.id, a!.id] }]);
    const [count] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(ballots);
    expect(count!.n).toBeGreaterThanOrEqual(1);
  });

  it("keeps an option of an open decision from being rejected before the count", async () => {
    const [a, b] = await threePoints();
    await makeDecision(handle.db, [a!.id, b!.id]);
    const admin = await makeUser(handle.db, { isAdmin: true });
    await expect(
      callerFor(handle.db, admin).meetingPoints.reject({ meetingPointId: a!.id, note: "Demasiado lejos" }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: "meetingPointInOpenDecision" });
  });

  it("keeps ballots secret: a voter sees their own group's ballot, nobody else's", async () => {
    const [a, b] = await threePoints();
    const decision = await makeDecision(handle.db, [a!.id, b!.id]);
    const first = await votingGroup();
    const second = await votingGroup();
    await first.api.decisions.vote({ decisionId: decision.id, groupId: first.group.id, choices: [a!.id] });
    const seen = await second.api.decisions.get({ decisionId: decision.id });
    expect(seen.voting).toEqual([
      { groupId: second.group.id, groupName: second.group.name, choices: null, castAt: null },
    ]);
    expect(seen.ballotsCast).toBe(1);
    expect(seen.count).toBeNull();
    expect((await first.api.decisions.get({ decisionId: decision.id })).voting[0]!.choices).toEqual([a!.id]);
    await expect(
      callerFor(handle.db, null).decisions.ballots({ decisionId: decision.id }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("closes at its closing time from the job queue: stores every round, chooses the winner and tells everyone concerned", async () => {
    const [a, b, c] = await threePoints();
    const admin = await makeUser(handle.db, { isAdmin: true });
    const { id } = await callerFor(handle.db, admin).decisions.open({
      question: "¿Dónde nos encontramos en diciembre?",
      method: "irv",
      meetingPointIds: [a!.id, b!.id, c!.id],
      timeZone: "America/Tijuana",
      closesDate: tomorrow(),
      closesTime: "18:00",
      quorum: 3,
    });
    const voters = await Promise.all([
      votingGroup(),
      votingGroup(),
      votingGroup({ preferredLanguage: "en" }),
      votingGroup(),
      votingGroup(),
    ]);
    // Round 1: a 2, b 2, c 1; c goes out and its ballot moves to b, which wins round 2 with 3 of 5.
    const rankings = [[a], [a], [b], [b, c], [c, b]].map((r) => r.map((p) => p!.id));
    for (const [i, voter] of voters.entries()) {
      await voter.api.decisions.vote({ decisionId: id, groupId: voter.group.id, choices: rankings[i]! });
    }
    await reachClosingTime(id);

    // Before the job runs, a voter already sees the count (computed, not stored).
    const reader = voters[0]!.api;
    const early = await reader.decisions.get({ decisionId: id });
    expect(early).toMatchObject({ phase: "closed", winnerId: b!.id });

    await runDueJobs(handle.db);
    const [closed] = await handle.db.select().from(decisions).where(eq(decisions.id, id));
    expect(closed).toMatchObject({ status: "closed", winnerId: b!.id });
    expect(closed!.count!.rounds.map((r) => r.eliminated)).toEqual([[c!.id], []]);
    expect((await reader.meetingPoints.chosen())!.id).toBe(b!.id);
    // The choice is signed as it is made, in both languages, and checks against the published key.
    const signed = await latestStatement(handle.db, b!.id, "meeting_point.chosen");
    expect(signed!.envelope.statement.es).toContain(b!.name);
    expect(signed!.envelope.statement.en).toContain("Meeting point chosen");
    expect(await verifyText(signed!.text, await publishedKeys(handle.db))).toMatchObject({ genuine: true });
    expect(await reader.decisions.get({ decisionId: id })).toMatchObject({
      phase: "closed",
      count: closed!.count,
      winnerName: b!.name,
    });
    const audit = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, id), eq(auditEvents.action, "decision.close")));
    expect(audit).toHaveLength(1);

    const english = await mailbox.waitFor(voters[2]!.organizer.email);
    expect(english.text).toContain("The chosen meeting point is");
    expect(english.text).toContain(b!.name);
    const spanish = await mailbox.waitFor(voters[0]!.organizer.email);
    expect(spanish.text).toContain("La votación");

    // The recount by anyone, once the result is public, from the downloaded file, agrees with the stored count.
    await callerFor(handle.db, admin).decisions.publish({ decisionId: id, when: "now" });
    const file = await callerFor(handle.db, null).decisions.ballots({ decisionId: id });
    const parsed = readBallotFile(writeBallotFile(file.options, file.ballots));
    const names = new Map([a, b, c].map((p) => [p!.id, p!.name]));
    expect(countBallots("irv", parsed.options, parsed.ballots)).toEqual(
      relabel(closed!.count!, (o) => names.get(o)!),
    );

    // Closing again changes nothing.
    await handle.db
      .update(jobs)
      .set({ doneAt: null, runAt: sql`now()` })
      .where(eq(jobs.dedupeKey, `decision.close:${id}`));
    await runDueJobs(handle.db);
    expect(
      await handle.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.subjectId, id), eq(auditEvents.action, "decision.close"))),
    ).toHaveLength(1);
  });

  it("closes as no_quorum and chooses nothing when too few groups voted", async () => {
    const [a, b] = await threePoints();
    const decision = await makeDecision(handle.db, [a!.id, b!.id], { quorum: 5, closesInMinutes: 60 });
    const voter = await votingGroup();
    await voter.api.decisions.vote({ decisionId: decision.id, groupId: voter.group.id, choices: [a!.id] });
    await handle.db.insert(jobs).values({
      kind: "decision.close",
      payload: { decisionId: decision.id },
      dedupeKey: `decision.close:${decision.id}`,
    });
    await reachClosingTime(decision.id);
    await runDueJobs(handle.db);
    const [closed] = await handle.db.select().from(decisions).where(eq(decisions.id, decision.id));
    expect(closed).toMatchObject({ status: "no_quorum", winnerId: null });
    const [point] = await handle.db.select().from(meetingPoints).where(eq(meetingPoints.id, a!.id));
    expect(point!.status).toBe("shortlisted");
  });
});
