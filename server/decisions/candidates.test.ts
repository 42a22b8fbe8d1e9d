import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, decisions, groups, jobs } from "@/db/schema";
import { enqueue } from "../jobs/queue";
import { runDueJobs } from "../jobs/worker";
import {
  addMember,
  callerFor,
  makeCaravan,
  makeDecision,
  makeGroup,
  makeMeetingPoint,
  makeUser,
  nameDecisionCoordinator,
} from "../../test-support/factories";
import { setUpDatabase, setUpMailbox } from "../../test-support/setup";
import { closeDecision, closeJob } from "./closing";

const handle = setUpDatabase();
const mailbox = setUpMailbox();

/** Two candidate places in an open decision, and one place in no decision at all. */
async function openDecisionBetweenTwo() {
  const db = handle.db;
  const proposer = await makeGroup(db);
  const [a, b, elsewhere] = await Promise.all(
    ["Refugio Secreto", "Bodega Escondida", "Parque Abierto"].map((n) =>
      makeMeetingPoint(db, proposer.id, { name: `${n} ${Math.random().toString(36).slice(2, 8)}` }),
    ),
  );
  const decision = await makeDecision(db, [a!.id, b!.id]);
  return { a: a!, b: b!, elsewhere: elsewhere!, decision };
}

/** Everyone who might look, from a stranger to the people deciding. */
async function viewers() {
  const db = handle.db;
  const unverified = await makeGroup(db, { verified: false });
  const unverifiedCoordinator = await makeUser(db);
  await addMember(db, unverified.id, unverifiedCoordinator.id, "coordinator");
  const verified = await makeGroup(db);
  const verifiedMember = await makeUser(db);
  await addMember(db, verified.id, verifiedMember.id, "member");
  const pending = await makeUser(db);
  await addMember(db, verified.id, pending.id, "member", "pending");
  const delegate = await makeUser(db);
  await makeCaravan(db, { delegateIds: [delegate.id] });
  const admin = await makeUser(db, { isAdmin: true });
  return {
    outsiders: {
      stranger: callerFor(db, null),
      signedIn: callerFor(db, await makeUser(db)),
      pendingMember: callerFor(db, pending),
      unverifiedCoordinator: callerFor(db, unverifiedCoordinator),
    },
    participants: {
      verifiedMember: callerFor(db, verifiedMember),
      delegate: callerFor(db, delegate),
      admin: callerFor(db, admin),
    },
  };
}

/** A verified group's coordinator, who runs decisions. */
/** A coordinator of a verified group; the decision's own when `decisionId` names it. */
async function decisionCoordinator(decisionId?: string) {
  const db = handle.db;
  const group = await makeGroup(db);
  const coordinator = await makeUser(db);
  await addMember(db, group.id, coordinator.id, "coordinator");
  if (decisionId) await nameDecisionCoordinator(db, decisionId, coordinator.id);
  return callerFor(db, coordinator);
}

/** Closes the decision now, as its closing job would at the closing time. */
async function close(decisionId: string, winnerId: string) {
  const db = handle.db;
  const voter = await makeGroup(db);
  const organizer = await makeUser(db);
  await addMember(db, voter.id, organizer.id, "organizer");
  await callerFor(db, organizer).decisions.vote({ decisionId, groupId: voter.id, choices: [winnerId] });
  await db
    .update(decisions)
    .set({ opensAt: sql`now() - interval '2 hours'`, closesAt: sql`now() - interval '1 second'` })
    .where(eq(decisions.id, decisionId));
  await enqueue(db, closeJob(decisionId, new Date(Date.now() - 1000)));
  await runDueJobs(db);
}

const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

type Caller = ReturnType<typeof callerFor>;

/** Everything `api` can read that might name or locate a candidate, as one text. */
async function everythingReadBy(api: Caller, decisionId: string, signedIn: boolean) {
  const reads: unknown[] = [
    await api.meetingPoints.list(),
    await api.meetingPoints.chosen(),
    await api.decisions.list(),
    await api.decisions.get({ decisionId }),
  ];
  if (signedIn) reads.push(await api.home.mine());
  return JSON.stringify(reads);
}

describe("the candidates of an open decision", () => {
  it("are shown to no stranger, no unverified group and no pending member, in any read", async () => {
    const { a, b, elsewhere, decision } = await openDecisionBetweenTwo();
    const { outsiders } = await viewers();
    for (const [who, api] of Object.entries(outsiders)) {
      const seen = await everythingReadBy(api, decision.id, who !== "stranger");
      for (const point of [a, b]) {
        expect(seen, who).not.toContain(point.id);
        expect(seen, who).not.toContain(point.name);
        await expect(api.meetingPoints.get({ meetingPointId: point.id }), who).rejects.toMatchObject({
          code: "NOT_FOUND",
        });
        if (who !== "stranger") {
          await expect(
            api.meetingPoints.comment({ meetingPointId: point.id, body: "¿Está seguro este lugar?" }),
            who,
          ).rejects.toMatchObject({ code: "NOT_FOUND" });
        }
      }
      // What is public stays public: the place in no decision, and the decision's question and turnout.
      expect(seen, who).toContain(elsewhere.name);
      const read = await api.decisions.get({ decisionId: decision.id });
      expect(read, who).toMatchObject({ question: decision.question, ballotsCast: 0, options: [] });
      expect(read.closesAt, who).toEqual(decision.closesAt);
      await expect(api.decisions.ballots({ decisionId: decision.id }), who).rejects.toThrow();
    }
  });

  it("are shown whole to members of verified groups, caravan delegates and admins", async () => {
    const { a, b, decision } = await openDecisionBetweenTwo();
    const { participants } = await viewers();
    for (const [who, api] of Object.entries(participants)) {
      const listed = (await api.meetingPoints.list()).map((p) => p.id);
      expect(listed, who).toEqual(expect.arrayContaining([a.id, b.id]));
      const point = await api.meetingPoints.get({ meetingPointId: a.id });
      expect(point, who).toMatchObject({ name: a.name, latitude: a.latitude, capacity: a.capacity });
      const read = await api.decisions.get({ decisionId: decision.id });
      expect(
        read.options.map((o) => o.name),
        who,
      ).toEqual([a.name, b.name]);
      await api.meetingPoints.comment({ meetingPointId: b.id, body: "Hay sombra y agua cerca." });
      expect(JSON.stringify(await api.meetingPoints.get({ meetingPointId: b.id })), who).toContain(
        "Hay sombra",
      );
    }
  });

  it("put on the record, once a day, who read a candidate's place before it was public; not public places", async () => {
    const { a, elsewhere } = await openDecisionBetweenTwo();
    const reader = await makeUser(handle.db);
    const verified = await makeGroup(handle.db);
    await addMember(handle.db, verified.id, reader.id, "member");
    const api = callerFor(handle.db, reader);
    await api.meetingPoints.get({ meetingPointId: a.id });
    await api.meetingPoints.get({ meetingPointId: a.id });
    await api.meetingPoints.get({ meetingPointId: elsewhere.id });
    const reads = await handle.db
      .select({ subjectId: auditEvents.subjectId })
      .from(auditEvents)
      .where(
        sql`${auditEvents.actorId} = ${reader.id} and ${auditEvents.action} = 'meeting_point.read_unpublished'`,
      );
    expect(reads).toEqual([{ subjectId: a.id }]);
  });
});

describe("the chosen point of a closed decision", () => {
  it("is told only to the participants until a coordinator publishes it", async () => {
    const { a, decision } = await openDecisionBetweenTwo();
    const { outsiders, participants } = await viewers();
    await close(decision.id, a.id);
    const stranger = outsiders.stranger;
    expect(await stranger.meetingPoints.chosen()).toBeNull();
    const seen = await everythingReadBy(outsiders.unverifiedCoordinator, decision.id, true);
    expect(seen).not.toContain(a.name);
    expect(seen).not.toContain(a.id);
    await expect(stranger.decisions.ballots({ decisionId: decision.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await participants.verifiedMember.meetingPoints.chosen()).toMatchObject({ id: a.id });
    expect(await participants.delegate.decisions.get({ decisionId: decision.id })).toMatchObject({
      winnerId: a.id,
      winnerName: a.name,
    });
    expect((await participants.delegate.decisions.ballots({ decisionId: decision.id })).options).toContain(
      a.name,
    );
  });

  it("is public at once when a coordinator publishes it now, with the count and the ballots", async () => {
    const { a, b, decision } = await openDecisionBetweenTwo();
    const { outsiders } = await viewers();
    await close(decision.id, a.id);
    await (
      await decisionCoordinator(decision.id)
    ).decisions.publish({ decisionId: decision.id, when: "now" });
    const stranger = outsiders.stranger;
    expect(await stranger.meetingPoints.chosen()).toMatchObject({ id: a.id, name: a.name });
    expect(await stranger.meetingPoints.get({ meetingPointId: b.id })).toMatchObject({ name: b.name });
    const read = await stranger.decisions.get({ decisionId: decision.id });
    expect(read).toMatchObject({ winnerName: a.name });
    expect(read.count?.optionNames[a.id]).toBe(a.name);
    expect((await stranger.decisions.ballots({ decisionId: decision.id })).ballots).toEqual([[a.name]]);
  });

  it("becomes public at the time a coordinator set, by its job, on the record", async () => {
    const { a, decision } = await openDecisionBetweenTwo();
    const { outsiders } = await viewers();
    await close(decision.id, a.id);
    await (
      await decisionCoordinator(decision.id)
    ).decisions.publish({
      decisionId: decision.id,
      when: "at",
      date: tomorrow(),
      time: "09:00",
      timeZone: "America/Tijuana",
    });
    expect(await outsiders.stranger.meetingPoints.chosen()).toBeNull();
    await expect(outsiders.stranger.meetingPoints.get({ meetingPointId: a.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    // The clock runs on to the publication time (the decision's and its job's).
    const due = new Date(Date.now() - 1000);
    await handle.db.update(decisions).set({ publishesAt: due }).where(eq(decisions.id, decision.id));
    await handle.db
      .update(jobs)
      .set({ runAt: due, payload: { decisionId: decision.id, publishesAt: due.toISOString() } })
      .where(eq(jobs.kind, "decision.publish"));
    await runDueJobs(handle.db);
    expect(await outsiders.stranger.meetingPoints.chosen()).toMatchObject({ id: a.id });
    const audit = await handle.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, decision.id));
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(["decision.publish", "decision.published"]),
    );
  });

  it("stays with the participants when a coordinator says never", async () => {
    const { a, decision } = await openDecisionBetweenTwo();
    const { outsiders, participants } = await viewers();
    await close(decision.id, a.id);
    await (
      await decisionCoordinator(decision.id)
    ).decisions.publish({ decisionId: decision.id, when: "never" });
    expect(await outsiders.stranger.meetingPoints.chosen()).toBeNull();
    expect(JSON.stringify(await outsiders.signedIn.decisions.list())).not.toContain(a.name);
    expect(await participants.admin.meetingPoints.chosen()).toMatchObject({ id: a.id });
  });

  it("is published only by a decision coordinator, and only once the decision is closed", async () => {
    const { a, decision } = await openDecisionBetweenTwo();
    const { outsiders, participants } = await viewers();
    const notNamed = await decisionCoordinator();
    for (const api of [
      outsiders.unverifiedCoordinator,
      participants.verifiedMember,
      participants.delegate,
      notNamed,
    ]) {
      await expect(api.decisions.publish({ decisionId: decision.id, when: "now" })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    const coordinator = await decisionCoordinator(decision.id);
    await expect(
      coordinator.decisions.publish({ decisionId: decision.id, when: "now" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await close(decision.id, a.id);
    await coordinator.decisions.publish({ decisionId: decision.id, when: "now" });
    expect(await outsiders.stranger.meetingPoints.chosen()).toMatchObject({ id: a.id });
  });

  it("may be set public once the closing time has passed, before the count has run; public only once settled", async () => {
    const db = handle.db;
    const { a, decision } = await openDecisionBetweenTwo();
    const { outsiders } = await viewers();
    const coordinator = await decisionCoordinator(decision.id);
    const voter = await makeGroup(db);
    const organizer = await makeUser(db);
    await addMember(db, voter.id, organizer.id, "organizer");
    await callerFor(db, organizer).decisions.vote({
      decisionId: decision.id,
      groupId: voter.id,
      choices: [a.id],
    });
    await db
      .update(decisions)
      .set({ opensAt: sql`now() - interval '2 hours'`, closesAt: sql`now() - interval '1 second'` })
      .where(eq(decisions.id, decision.id));
    // The coordinator's page already shows the voting over; the closing job has not run yet.
    await coordinator.decisions.publish({ decisionId: decision.id, when: "now" });
    expect((await outsiders.stranger.meetingPoints.chosen())?.id).not.toBe(a.id);
    await expect(outsiders.stranger.meetingPoints.get({ meetingPointId: a.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await enqueue(db, closeJob(decision.id, new Date(Date.now() - 1000)));
    await runDueJobs(db);
    expect(await outsiders.stranger.meetingPoints.chosen()).toMatchObject({ id: a.id });
  });
});

describe("a point already made public", () => {
  it("stays public when it is a candidate again, and the open decision still names none of its options", async () => {
    const { a, b, decision } = await openDecisionBetweenTwo();
    const { outsiders } = await viewers();
    await close(decision.id, a.id);
    await (
      await decisionCoordinator(decision.id)
    ).decisions.publish({ decisionId: decision.id, when: "now" });
    const proposer = await makeGroup(handle.db);
    const fresh = await makeMeetingPoint(handle.db, proposer.id, { name: "Patio Nuevo" });
    const again = await makeDecision(handle.db, [a.id, fresh.id]);
    const stranger = outsiders.stranger;
    expect((await stranger.meetingPoints.list()).map((p) => p.id)).toEqual(
      expect.arrayContaining([a.id, b.id]),
    );
    await expect(stranger.meetingPoints.get({ meetingPointId: fresh.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await stranger.decisions.get({ decisionId: again.id })).toMatchObject({
      options: [],
      count: null,
    });
  });
});

describe("the email telling how a decision closed", () => {
  it("names the chosen point only to someone still deciding when it is sent", async () => {
    const { a, decision } = await openDecisionBetweenTwo();
    const db = handle.db;
    const [kept, dropped] = [await makeGroup(db), await makeGroup(db)];
    const [stays, leaves] = [await makeUser(db), await makeUser(db)];
    await addMember(db, kept.id, stays.id, "organizer");
    await addMember(db, dropped.id, leaves.id, "coordinator");
    await callerFor(db, stays).decisions.vote({ decisionId: decision.id, groupId: kept.id, choices: [a.id] });
    await db
      .update(decisions)
      .set({ opensAt: sql`now() - interval '2 hours'`, closesAt: sql`now() - interval '1 second'` })
      .where(eq(decisions.id, decision.id));
    expect(await closeDecision(db, decision.id)).toBe("closed");
    // Between the count and the email, an admin withdraws the group's verification.
    await db.update(groups).set({ verified: false }).where(eq(groups.id, dropped.id));
    await runDueJobs(db);
    expect((await mailbox.waitFor(stays.email)).text).toContain(a.name);
    expect(mailbox.received.filter((m) => JSON.stringify(m).includes(leaves.email))).toEqual([]);
  });
});
