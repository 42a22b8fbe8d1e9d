// The caravans ratify a decision's winner. Once the count names one (and no group objection holds
// it), every caravan that took part (cast a ballot or raised an objection) is asked; a majority of
// the caravans that answered ratifies; a refusal sets the option aside and the count runs again
// without it. With no answer the decision waits: coordinators may extend the window or remind the
// delegates, never choose for them. A decision no caravan took part in needs no ratification.
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Database } from "@/db/client";
import {
  ballots,
  caravanDelegates,
  caravans,
  decisions,
  meetingPoints,
  ratifications,
  safetyObjections,
  users,
  type DecisionMethod,
  type DecisionStatus,
  type SetAside,
} from "@/db/schema";
import { recordAudit } from "../audit/audit";
import { sendEmail } from "../email/email";
import { quoted } from "../email/typed-text";
import { DomainError, notFound } from "../errors";
import { translator } from "../i18n/messages";
import { emailTime, isTimeZone, serverTimeZone } from "../i18n/zone";
import { defineJob, type JobKind, type JobPayload } from "../jobs/kinds";
import { enqueue } from "../jobs/queue";
import { publicOrigin } from "../origin";
import type { Actor } from "../actor";
import { isCoordinatorOf, isDecisionCoordinator } from "./access";
import { chooseMeetingPoint, hasOpenObjection, tellEveryoneConcerned } from "./steps";
import type { extendRatificationInput, ratifyInput } from "./inputs";
import { tallyDecision } from "./outcome";

export const RATIFY_JOB = "decision.ratify" satisfies JobKind;
export const ASK_JOB = "decision.ratifyAsk" satisfies JobKind;

interface Counted {
  id: string;
  method: DecisionMethod;
  quorum: number;
  ratifyHours: number;
  setAside: SetAside[];
}

/**
 * Counts the decision without the options set aside and says what its winner goes on to: chosen,
 * held by a group's objection, or put to the caravans. The caller holds the decision's row lock.
 */
export async function settleCount(tx: Database, decision: Counted): Promise<DecisionStatus> {
  const outcome = await tallyDecision(tx, decision, decision.setAside);
  let status: DecisionStatus = outcome.status;
  if (outcome.winnerId) {
    status = (await hasOpenObjection(tx, decision.id, outcome.winnerId))
      ? "held"
      : await putToTheCaravans(tx, decision, outcome.winnerId);
  }
  await tx
    .update(decisions)
    .set({
      status,
      count: outcome.count,
      winnerId: outcome.winnerId,
      setAside: decision.setAside,
      closedAt: sql`coalesce(${decisions.closedAt}, now())`,
    })
    .where(eq(decisions.id, decision.id));
  return status;
}

/** The caravans that took part in a decision: a delegate cast its ballot or raised an objection. */
async function caravansTakingPart(db: Database, decisionId: string): Promise<string[]> {
  const rows = await db
    .select({ caravanId: ballots.caravanId })
    .from(ballots)
    .where(and(eq(ballots.decisionId, decisionId), isNotNull(ballots.caravanId)))
    .union(
      db
        .select({ caravanId: safetyObjections.caravanId })
        .from(safetyObjections)
        .where(and(eq(safetyObjections.decisionId, decisionId), isNotNull(safetyObjections.caravanId))),
    );
  return rows.map((r) => r.caravanId!);
}

/**
 * Asks every caravan that took part to ratify `winnerId` within the decision's window, or chooses
 * it at once when none did. Returns the decision's new status.
 */
export async function putToTheCaravans(
  tx: Database,
  decision: { id: string; ratifyHours: number },
  winnerId: string,
): Promise<DecisionStatus> {
  const taking = await caravansTakingPart(tx, decision.id);
  if (taking.length === 0) {
    await chooseMeetingPoint(tx, winnerId);
    return "closed";
  }
  await tx
    .insert(ratifications)
    .values(taking.map((caravanId) => ({ decisionId: decision.id, meetingPointId: winnerId, caravanId })))
    .onConflictDoNothing();
  const [row] = await tx
    .update(decisions)
    .set({ ratifyBy: sql`now() + make_interval(hours => ${decision.ratifyHours})` })
    .where(eq(decisions.id, decision.id))
    .returning({ ratifyBy: decisions.ratifyBy });
  await enqueueWindowEnd(tx, decision.id, row!.ratifyBy!);
  await askDelegates(tx, decision.id, winnerId, "ask");
  return "ratifying";
}

async function enqueueWindowEnd(tx: Database, decisionId: string, ratifyBy: Date) {
  await enqueue(tx, {
    kind: RATIFY_JOB,
    payload: { decisionId },
    runAt: ratifyBy,
    dedupeKey: `${RATIFY_JOB}:${decisionId}:${ratifyBy.toISOString()}`,
  });
}

/** One email per delegate of each caravan asked about `meetingPointId` that has not answered. */
async function askDelegates(tx: Database, decisionId: string, meetingPointId: string, why: string) {
  const delegates = await tx
    .selectDistinct({ userId: caravanDelegates.userId })
    .from(ratifications)
    .innerJoin(caravanDelegates, eq(caravanDelegates.caravanId, ratifications.caravanId))
    .where(
      and(
        eq(ratifications.decisionId, decisionId),
        eq(ratifications.meetingPointId, meetingPointId),
        isNull(ratifications.answer),
      ),
    );
  for (const { userId } of delegates) {
    await enqueue(tx, {
      kind: ASK_JOB,
      payload: { decisionId, userId, meetingPointId },
      dedupeKey: `${ASK_JOB}:${decisionId}:${meetingPointId}:${userId}:${why}`,
    });
  }
}

/** The decision under its row lock, for a step of the ratification. */
async function lockDecision(tx: Database, decisionId: string) {
  const [decision] = await tx
    .select({
      id: decisions.id,
      status: decisions.status,
      method: decisions.method,
      quorum: decisions.quorum,
      ratifyHours: decisions.ratifyHours,
      setAside: decisions.setAside,
      winnerId: decisions.winnerId,
      over: sql<boolean>`coalesce(${decisions.ratifyBy} <= now(), false)`,
    })
    .from(decisions)
    .where(eq(decisions.id, decisionId))
    .for("update");
  return decision;
}

type Locked = NonNullable<Awaited<ReturnType<typeof lockDecision>>>;

/**
 * Settles the ratification once every caravan asked has answered, or once the window is over and
 * at least one has: a majority of those that answered ratifies; otherwise the option is set aside
 * and the next winner is put to them. Returns whether it settled.
 */
async function settleIfAnswered(tx: Database, decision: Locked): Promise<boolean> {
  const winnerId = decision.winnerId!;
  const answers = await tx
    .select({ answer: ratifications.answer })
    .from(ratifications)
    .where(and(eq(ratifications.decisionId, decision.id), eq(ratifications.meetingPointId, winnerId)));
  const yes = answers.filter((a) => a.answer === true).length;
  const no = answers.filter((a) => a.answer === false).length;
  if (yes + no === 0 || (yes + no < answers.length && !decision.over)) return false;
  if (yes > no) {
    await tx.update(decisions).set({ status: "closed" }).where(eq(decisions.id, decision.id));
    await chooseMeetingPoint(tx, winnerId);
    await tellEveryoneConcerned(tx, decision.id, "closed");
  } else {
    const setAside = [...decision.setAside, { option: winnerId, reason: "refusedByCaravans" as const }];
    const status = await settleCount(tx, { ...decision, setAside });
    if (status !== "ratifying") await tellEveryoneConcerned(tx, decision.id, status);
  }
  await recordAudit(tx, {
    actorId: null,
    action: "decision.ratification.settle",
    subjectType: "decision",
    subjectId: decision.id,
    detail: { meetingPoint: winnerId, yes, no, asked: answers.length },
  });
  return true;
}

/** A delegate answers for their caravan (`ratifierProcedure`, server/builders.ts). */
export async function answerRatification(db: Database, actor: Actor, input: z.output<typeof ratifyInput>) {
  return db.transaction(async (tx) => {
    const decision = await lockDecision(tx, input.decisionId);
    if (!decision) throw notFound();
    if (decision.status !== "ratifying") throw new DomainError("CONFLICT", "notRatifying");
    const [answered] = await tx
      .update(ratifications)
      .set({ answer: input.answer, answeredBy: actor.id, answeredAt: sql`now()` })
      .where(
        and(
          eq(ratifications.decisionId, input.decisionId),
          eq(ratifications.meetingPointId, decision.winnerId!),
          eq(ratifications.caravanId, input.caravanId),
        ),
      )
      .returning({ caravanId: ratifications.caravanId });
    if (!answered) throw new DomainError("FORBIDDEN", "caravanNotAsked");
    await recordAudit(tx, {
      actorId: actor.id,
      action: "decision.ratification.answer",
      subjectType: "decision",
      subjectId: input.decisionId,
      detail: { meetingPoint: decision.winnerId, caravan: input.caravanId, answer: input.answer },
    });
    return { settled: await settleIfAnswered(tx, decision) };
  });
}

/** The window's end (a job): settles what was answered; with no answer, the decision waits. */
export async function settleRatification(db: Database, decisionId: string) {
  return db.transaction(async (tx) => {
    const decision = await lockDecision(tx, decisionId);
    if (!decision || decision.status !== "ratifying" || !decision.over) return false;
    return settleIfAnswered(tx, decision);
  });
}

/** More time for the caravans (`decisionCoordinatorProcedure`): from the window's end, or from now if it passed. */
export async function extendRatification(
  db: Database,
  actor: Actor,
  input: z.output<typeof extendRatificationInput>,
) {
  return db.transaction(async (tx) => {
    const decision = await lockDecision(tx, input.decisionId);
    if (!decision) throw notFound();
    if (decision.status !== "ratifying") throw new DomainError("CONFLICT", "notRatifying");
    const [row] = await tx
      .update(decisions)
      .set({
        ratifyBy: sql`greatest(${decisions.ratifyBy}, now()) + make_interval(hours => ${input.hours})`,
      })
      .where(eq(decisions.id, input.decisionId))
      .returning({ ratifyBy: decisions.ratifyBy });
    await enqueueWindowEnd(tx, input.decisionId, row!.ratifyBy!);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "decision.ratification.extend",
      subjectType: "decision",
      subjectId: input.decisionId,
      detail: { hours: input.hours },
    });
    return { ratifyBy: row!.ratifyBy! };
  });
}

/** Emails the delegates of every caravan that has not answered yet (`decisionCoordinatorProcedure`, rate limited). */
export async function remindCaravans(db: Database, actor: Actor, decisionId: string) {
  return db.transaction(async (tx) => {
    const decision = await lockDecision(tx, decisionId);
    if (!decision) throw notFound();
    if (decision.status !== "ratifying") throw new DomainError("CONFLICT", "notRatifying");
    await askDelegates(tx, decisionId, decision.winnerId!, `remind:${Date.now()}`);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "decision.ratification.remind",
      subjectType: "decision",
      subjectId: decisionId,
      detail: { meetingPoint: decision.winnerId },
    });
    return { reminded: true };
  });
}

/**
 * The ratification under way, for a decision's page: the candidate, the window, how many caravans
 * were asked and how they answered (counts only), and the answers of the viewer's own caravans.
 */
export async function ratificationOf(
  db: Database,
  actor: Actor | null,
  decision: { id: string; status: string; winnerId: string | null },
) {
  const [asked] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(ratifications)
    .where(eq(ratifications.decisionId, decision.id));
  const caravansTookPart = (asked?.n ?? 0) > 0;
  if (decision.status !== "ratifying" || !decision.winnerId) return { caravansTookPart, ratification: null };
  const [[window], rows] = await Promise.all([
    db.select({ ratifyBy: decisions.ratifyBy }).from(decisions).where(eq(decisions.id, decision.id)),
    db
      .select({
        caravanId: ratifications.caravanId,
        caravanName: caravans.name,
        answer: ratifications.answer,
      })
      .from(ratifications)
      .innerJoin(caravans, eq(caravans.id, ratifications.caravanId))
      .where(
        and(eq(ratifications.decisionId, decision.id), eq(ratifications.meetingPointId, decision.winnerId)),
      ),
  ]);
  const mine = actor
    ? await db
        .select({ caravanId: caravanDelegates.caravanId })
        .from(caravanDelegates)
        .where(eq(caravanDelegates.userId, actor.id))
    : [];
  const own = new Set(mine.map((m) => m.caravanId));
  return {
    caravansTookPart,
    ratification: {
      meetingPointId: decision.winnerId,
      ratifyBy: window!.ratifyBy!,
      asked: rows.length,
      yes: rows.filter((r) => r.answer === true).length,
      no: rows.filter((r) => r.answer === false).length,
      mine: rows.filter((r) => own.has(r.caravanId)),
      // The decision's own coordinators and admins: the people extendRatification and
      // remindCaravans let through (`onDecision("coordinator")`), not every coordinator.
      canExtend: await isCoordinatorOf(db, actor, decision.id),
    },
  };
}

/**
 * The ratifications waiting on a person's home: for a delegate, their caravans' (answered or not);
 * for a decision coordinator, every decision waiting for the caravans.
 */
export async function ratificationsAwaiting(db: Database, actor: Actor) {
  const columns = {
    decisionId: decisions.id,
    question: decisions.question,
    ratifyBy: decisions.ratifyBy,
  };
  const [asDelegate, coordinates] = await Promise.all([
    db
      .select({
        ...columns,
        caravanId: ratifications.caravanId,
        caravanName: caravans.name,
        answer: ratifications.answer,
      })
      .from(ratifications)
      .innerJoin(
        decisions,
        and(eq(decisions.id, ratifications.decisionId), eq(decisions.winnerId, ratifications.meetingPointId)),
      )
      .innerJoin(caravans, eq(caravans.id, ratifications.caravanId))
      .innerJoin(caravanDelegates, eq(caravanDelegates.caravanId, ratifications.caravanId))
      .where(and(eq(caravanDelegates.userId, actor.id), eq(decisions.status, "ratifying"))),
    isDecisionCoordinator(db, actor),
  ]);
  const seen = new Set(asDelegate.map((r) => r.decisionId));
  const asCoordinator = coordinates
    ? await db
        .select(columns)
        .from(decisions)
        .where(eq(decisions.status, "ratifying"))
        .orderBy(decisions.ratifyBy)
        .limit(20)
    : [];
  return [
    ...asDelegate,
    ...asCoordinator
      .filter((r) => !seen.has(r.decisionId))
      .map((r) => ({ ...r, caravanId: null, caravanName: null, answer: null })),
  ];
}

async function runRatifyJob(db: Database, payload: JobPayload<typeof RATIFY_JOB>) {
  await settleRatification(db, payload.decisionId);
}

/** One delegate asked (or reminded) to answer for their caravan, in their language. */
export async function sendRatifyAsk(db: Database, payload: JobPayload<typeof ASK_JOB>) {
  const [row] = await db
    .select({
      question: decisions.question,
      status: decisions.status,
      winnerId: decisions.winnerId,
      ratifyBy: decisions.ratifyBy,
      candidate: meetingPoints.name,
      email: users.email,
      locale: users.preferredLanguage,
      timeZone: users.timeZone,
    })
    .from(decisions)
    .innerJoin(users, eq(users.id, payload.userId))
    .innerJoin(meetingPoints, eq(meetingPoints.id, payload.meetingPointId))
    .where(eq(decisions.id, payload.decisionId));
  // Settled, or moved on to another option, before the email went: nothing true left to ask.
  if (!row || row.status !== "ratifying" || row.winnerId !== payload.meetingPointId) return;
  // Still a delegate of a caravan asked? (They may have stepped down.)
  const [still] = await db
    .select({ caravanId: ratifications.caravanId })
    .from(ratifications)
    .innerJoin(caravanDelegates, eq(caravanDelegates.caravanId, ratifications.caravanId))
    .where(
      and(
        eq(ratifications.decisionId, payload.decisionId),
        eq(ratifications.meetingPointId, payload.meetingPointId),
        eq(caravanDelegates.userId, payload.userId),
      ),
    )
    .limit(1);
  if (!still) return;
  const t = translator(row.locale, "email");
  // In the recipient's zone (their setting, else the server's), named in their language.
  const by = emailTime(
    row.ratifyBy!,
    row.locale === "en" ? "en-US" : "es-MX",
    isTimeZone(row.timeZone) ? row.timeZone : serverTimeZone(),
    "medium",
  );
  await sendEmail({
    to: row.email,
    subject: t("ratify.subject"),
    text: t("ratify.body", {
      question: quoted(row.question),
      candidate: quoted(row.candidate),
      by,
      link: `${publicOrigin()}/decisions/${payload.decisionId}`,
    }),
  });
}

export const ratifyWindowJob = defineJob(RATIFY_JOB, runRatifyJob);
export const ratifyAskJob = defineJob(ASK_JOB, sendRatifyAsk);
