// Decisions: a coordinator opens one between shortlisted meeting points; each verified group casts
// one ballot (its last counts) until the closing time; then the count is shown round by round, to
// the people deciding at once and to everyone once its coordinators publish it (./candidates.ts).
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Database } from "@/db/client";
import {
  ballots,
  caravanDelegates,
  caravans,
  decisionCoordinators,
  decisionOptions,
  decisions,
  meetingPoints,
  users,
} from "@/db/schema";
import { recordAudit } from "../audit/audit";
import { DomainError, notFound } from "../errors";
import { enqueue } from "../jobs/queue";
import type { Actor } from "../actor";
import { isCoordinatorOf, isDecisionCoordinator, nameCoordinators, votingGroups, type Voter } from "./access";
import { isParticipant, isPublished } from "./candidates";
import { closeJob } from "./closing";
import { hasOpenObjection, openCaravanObjections } from "./steps";
import type { Count } from "./count";
import type { openDecisionInput, voteInput } from "./inputs";
import { objectionsOf } from "./objections";
import { tallyDecision } from "./outcome";
import { ratificationOf } from "./ratification";

/** Opens a decision, by a decision coordinator (`decisionCoordinatorProcedure`, server/builders.ts). */
export async function openDecision(db: Database, actor: Actor, input: z.output<typeof openDecisionInput>) {
  return db.transaction(async (tx) => {
    const points = await tx
      .select({ id: meetingPoints.id })
      .from(meetingPoints)
      .where(
        and(
          inArray(meetingPoints.id, input.meetingPointIds),
          inArray(meetingPoints.status, ["shortlisted", "chosen"]),
        ),
      );
    if (points.length !== input.meetingPointIds.length) {
      throw new DomainError("BAD_REQUEST", "optionNotShortlisted");
    }
    const [decision] = await tx
      .insert(decisions)
      .values({
        question: input.question,
        method: input.method,
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        quorum: input.quorum,
        ratifyHours: input.ratifyHours,
        openedBy: actor.id,
      })
      .returning({ id: decisions.id });
    await tx.insert(decisionOptions).values(
      input.meetingPointIds.map((meetingPointId, position) => ({
        decisionId: decision!.id,
        meetingPointId,
        position,
      })),
    );
    await nameCoordinators(tx, decision!.id, actor.id, input.coordinatorIds);
    await enqueue(tx, closeJob(decision!.id, input.closesAt));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "decision.open",
      subjectType: "decision",
      subjectId: decision!.id,
      detail: { method: input.method, options: input.meetingPointIds.length, quorum: input.quorum },
    });
    return decision!;
  });
}

export type DecisionPhase = "upcoming" | "open" | "closed" | "no_quorum" | "held" | "ratifying";

function phaseOf(row: { status: string; opensAt: Date; closesAt: Date }, now = Date.now()): DecisionPhase {
  if (row.status !== "open") return row.status as DecisionPhase;
  if (now < row.opensAt.getTime()) return "upcoming";
  return now < row.closesAt.getTime() ? "open" : "closed"; // counted on read until the job stores it
}

const decisionColumns = {
  id: decisions.id,
  question: decisions.question,
  method: decisions.method,
  opensAt: decisions.opensAt,
  closesAt: decisions.closesAt,
  quorum: decisions.quorum,
  status: decisions.status,
  winnerName: meetingPoints.name,
  winnerId: decisions.winnerId,
  publication: decisions.publication,
  publishesAt: decisions.publishesAt,
};

/**
 * Every decision, latest closing first, and whether the viewer may open one. Its winner is named
 * to the people deciding, and to everyone once published.
 */
export async function listDecisions(db: Database, actor: Actor | null) {
  const participant = await isParticipant(db, actor);
  const rows = await db
    .select({
      ...decisionColumns,
      ballotsCast: sql<number>`(select count(*) from ${ballots} where ${ballots.decisionId} = ${decisions.id})::int`,
    })
    .from(decisions)
    .leftJoin(meetingPoints, eq(meetingPoints.id, decisions.winnerId))
    .orderBy(desc(decisions.closesAt))
    .limit(100);
  return {
    decisions: rows.map((row) =>
      participant || isPublished(row)
        ? { ...row, phase: phaseOf(row), candidatesShown: true }
        : { ...row, winnerId: null, winnerName: null, phase: phaseOf(row), candidatesShown: false },
    ),
    canOpen: await isDecisionCoordinator(db, actor),
  };
}

/**
 * One decision as `actor` sees it. The people deciding see its options and, once closed, the count
 * with names; everyone else sees its question, deadline and turnout, and the rest once published.
 * A voter also sees their own groups' ballots (and only those: ballots are secret).
 */
export async function getDecision(db: Database, actor: Actor | null, decisionId: string) {
  const [row] = await db
    .select(decisionColumns)
    .from(decisions)
    .leftJoin(meetingPoints, eq(meetingPoints.id, decisions.winnerId))
    .where(eq(decisions.id, decisionId))
    .limit(1);
  if (!row) throw notFound();
  const participant = await isParticipant(db, actor);
  if (!participant && !isPublished(row)) return await turnoutOnly(db, row);
  const [options, [cast], myGroups] = await Promise.all([
    db
      .select({
        id: meetingPoints.id,
        name: meetingPoints.name,
        crossing: meetingPoints.crossing,
        side: meetingPoints.side,
      })
      .from(decisionOptions)
      .innerJoin(meetingPoints, eq(meetingPoints.id, decisionOptions.meetingPointId))
      .where(eq(decisionOptions.decisionId, decisionId))
      .orderBy(asc(decisionOptions.position)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(ballots)
      .where(eq(ballots.decisionId, decisionId)),
    votingGroups(db, actor),
  ]);
  const [canOpen, [settings], coordinators] = await Promise.all([
    isDecisionCoordinator(db, actor),
    db.select({ ratifyHours: decisions.ratifyHours }).from(decisions).where(eq(decisions.id, decisionId)),
    db
      .select({ name: users.name })
      .from(decisionCoordinators)
      .innerJoin(users, eq(users.id, decisionCoordinators.userId))
      .where(eq(decisionCoordinators.decisionId, decisionId))
      .orderBy(asc(users.name)),
  ]);
  const phase = phaseOf(row);
  let count: Count | null = null;
  let winnerId = row.winnerId;
  let status: DecisionPhase = phase;
  if (row.status !== "open") {
    const [stored] = await db
      .select({ count: decisions.count })
      .from(decisions)
      .where(eq(decisions.id, decisionId));
    count = stored?.count ?? null;
  } else if (phase === "closed") {
    // Counted on read as the closing job will: a caravan's open objection sets its option aside.
    const setAside = (await openCaravanObjections(db, decisionId)).map((option) => ({
      option,
      reason: "caravanObjection" as const,
    }));
    const outcome = await tallyDecision(db, row, setAside);
    count = outcome.count;
    winnerId = outcome.winnerId;
    status = winnerId && (await hasOpenObjection(db, decisionId, winnerId)) ? "held" : outcome.status;
  }
  const delegating = await delegateVoting(db, actor, decisionId);
  const names = new Map(options.map((o) => [o.id, o.name]));
  const mine = myGroups.length
    ? await db
        .select({ groupId: ballots.groupId, choices: ballots.choices, castAt: ballots.castAt })
        .from(ballots)
        .where(
          and(
            eq(ballots.decisionId, decisionId),
            inArray(
              ballots.groupId,
              myGroups.map((g) => g.id),
            ),
          ),
        )
    : [];
  return {
    ...row,
    phase: status,
    candidatesShown: true,
    published: isPublished(row),
    winnerId,
    winnerName: winnerId ? (names.get(winnerId) ?? null) : null,
    options,
    ballotsCast: cast?.n ?? 0,
    count: count && { ...count, optionNames: Object.fromEntries(names) },
    voting: myGroups.map((g) => {
      const ballot = mine.find((b) => b.groupId === g.id);
      return {
        groupId: g.id,
        groupName: g.name,
        choices: ballot?.choices ?? null,
        castAt: ballot?.castAt ?? null,
      };
    }),
    objections: await objectionsOf(
      db,
      decisionId,
      myGroups.length > 0 || delegating.length > 0 || canOpen,
      delegating.map((d) => d.caravanId),
    ),
    delegateVoting: delegating,
    ...(await ratificationOf(db, actor, { id: decisionId, status: row.status, winnerId: row.winnerId })),
    canOpen,
    /** How long the caravans have to ratify the count's winner. */
    ratifyHours: settings?.ratifyHours ?? 48,
    /** Who runs it, by display name (null: none given): for the people deciding, even once published. */
    coordinatorNames: participant ? coordinators.map((c) => c.name) : [],
    /** The viewer runs this decision (named when it opened, or an admin): publishes, resolves. */
    coordinates: await isCoordinatorOf(db, actor, decisionId),
  };
}

/** A decision whose options are not the viewer's to see: its question, deadline and turnout. */
async function turnoutOnly<R extends DecisionRow>(db: Database, row: R) {
  const [cast] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(ballots)
    .where(eq(ballots.decisionId, row.id));
  const phase = phaseOf(row);
  return {
    ...row,
    // Held or counted, the phase names no option; "closed" is all a stranger learns of the outcome.
    phase,
    candidatesShown: false,
    published: false,
    winnerId: null,
    winnerName: null,
    options: [] as { id: string; name: string; crossing: string; side: string }[],
    ballotsCast: cast?.n ?? 0,
    count: null,
    voting: [],
    objections: [] as Awaited<ReturnType<typeof objectionsOf>>,
    delegateVoting: [] as Awaited<ReturnType<typeof delegateVoting>>,
    // Which caravans are asked to ratify what is for the people deciding.
    caravansTookPart: false,
    ratification: null as Awaited<ReturnType<typeof ratificationOf>>["ratification"],
    canOpen: false,
    ratifyHours: null,
    coordinatorNames: [] as (string | null)[],
    coordinates: false,
  };
}

type DecisionRow = {
  id: string;
  status: string;
  opensAt: Date;
  closesAt: Date;
};

/** The caravans `actor` speaks for, each with its ballot in this decision (if cast). */
async function delegateVoting(db: Database, actor: Actor | null, decisionId: string) {
  if (!actor) return [];
  return db
    .select({
      caravanId: caravans.id,
      caravanName: caravans.name,
      choices: ballots.choices,
      castAt: ballots.castAt,
    })
    .from(caravanDelegates)
    .innerJoin(caravans, eq(caravans.id, caravanDelegates.caravanId))
    .leftJoin(ballots, and(eq(ballots.caravanId, caravans.id), eq(ballots.decisionId, decisionId)))
    .where(eq(caravanDelegates.userId, actor.id))
    .orderBy(caravans.name);
}

/**
 * Casts (or replaces) the ballot of the group or caravan `voter` speaks for (as `voterProcedure`
 * found them, server/builders.ts). The last ballot before the closing time counts: one per group,
 * and one per caravan whichever of its delegates cast it.
 */
export async function castBallot(
  db: Database,
  actor: Actor,
  voter: Voter,
  input: z.output<typeof voteInput>,
) {
  return db.transaction(async (tx) => {
    // A share lock: ballots go in side by side, and the closing count waits for them.
    const [decision] = await tx
      .select({
        id: decisions.id,
        status: decisions.status,
        notYet: sql<boolean>`now() < ${decisions.opensAt}`,
        over: sql<boolean>`now() >= ${decisions.closesAt}`,
      })
      .from(decisions)
      .where(eq(decisions.id, input.decisionId))
      .for("share");
    if (!decision) throw notFound();
    if (decision.status !== "open" || decision.over) throw new DomainError("CONFLICT", "decisionClosed");
    if (decision.notYet) throw new DomainError("CONFLICT", "decisionNotOpenYet");
    if (new Set(input.choices).size !== input.choices.length) {
      throw new DomainError("BAD_REQUEST", "rankedTwice");
    }
    const options = await tx
      .select({ id: decisionOptions.meetingPointId })
      .from(decisionOptions)
      .where(eq(decisionOptions.decisionId, input.decisionId));
    const valid = new Set(options.map((o) => o.id));
    if (!input.choices.every((c) => valid.has(c))) throw new DomainError("BAD_REQUEST", "notAnOption");
    const ballot = { decisionId: input.decisionId, castBy: actor.id, choices: input.choices };
    const replace = { choices: input.choices, castBy: actor.id, castAt: sql`now()` };
    if (voter.kind === "delegate") {
      await tx
        .insert(ballots)
        .values({ ...ballot, voterKind: "delegate", caravanId: voter.caravanId })
        .onConflictDoUpdate({
          target: [ballots.decisionId, ballots.caravanId],
          targetWhere: sql`${ballots.caravanId} is not null`,
          set: replace,
        });
    } else {
      await tx
        .insert(ballots)
        .values({ ...ballot, voterKind: "group", groupId: voter.groupId })
        .onConflictDoUpdate({
          target: [ballots.decisionId, ballots.groupId],
          targetWhere: sql`${ballots.voterKind} = 'group'`,
          set: replace,
        });
    }
    return {
      decisionId: input.decisionId,
      groupId: input.groupId ?? null,
      caravanId: input.caravanId ?? null,
    };
  });
}

/**
 * The anonymous ballots of a closed decision, by option name, for anyone's recount: no voter, no
 * time, and in sorted order, so no row can be traced back to when or by whom it was cast.
 */
export async function ballotsForRecount(db: Database, actor: Actor | null, decisionId: string) {
  const [row] = await db
    .select({
      status: decisions.status,
      over: sql<boolean>`now() >= ${decisions.closesAt}`,
      method: decisions.method,
      publication: decisions.publication,
      publishesAt: decisions.publishesAt,
      setAside: decisions.setAside,
    })
    .from(decisions)
    .where(eq(decisions.id, decisionId));
  if (!row) throw notFound();
  if (row.status === "open" && !row.over) throw new DomainError("CONFLICT", "decisionNotClosed");
  // The file names every option: the people deciding's until the result is published.
  if (!isPublished(row) && !(await isParticipant(db, actor))) {
    throw new DomainError("FORBIDDEN", "decisionNotPublished");
  }
  const [options, cast] = await Promise.all([
    db
      .select({ id: meetingPoints.id, name: meetingPoints.name })
      .from(decisionOptions)
      .innerJoin(meetingPoints, eq(meetingPoints.id, decisionOptions.meetingPointId))
      .where(eq(decisionOptions.decisionId, decisionId))
      .orderBy(asc(decisionOptions.position)),
    db.select({ choices: ballots.choices }).from(ballots).where(eq(ballots.decisionId, decisionId)),
  ]);
  const names = new Map(options.map((o) => [o.id, o.name]));
  const rows = cast.map((b) => b.choices.map((id) => names.get(id)!));
  rows.sort((a, b) =>
    a.join("\u0000") < b.join("\u0000") ? -1 : a.join("\u0000") > b.join("\u0000") ? 1 : 0,
  );
  return {
    method: row.method,
    options: options.map((o) => o.name),
    ballots: rows,
    /** What `npm run tally -- --set-aside NAME` needs to reproduce the count, in order. */
    setAside: row.setAside.map((s) => ({ option: names.get(s.option)!, reason: s.reason })),
  };
}
