// Safety objections: any voter may object to an option on safety grounds while the decision is
// open. A group's open objection blocks that option from being chosen (the decision is `held` if it
// wins) until a coordinator resolves it in writing. A caravan's is the caravan's: only its own
// delegates withdraw it, and if still open at the closing the option is set aside (closing.ts).
// Who objected is kept for the audit log only.
import { and, asc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Database } from "@/db/client";
import { decisionOptions, decisions, safetyObjections } from "@/db/schema";
import { recordAudit } from "../audit/audit";
import { DomainError, notFound } from "../errors";
import type { Actor } from "../actor";
import type { Voter } from "./access";
import { hasOpenObjection, tellEveryoneConcerned } from "./steps";
import type { raiseObjectionInput, resolveObjectionInput, withdrawObjectionInput } from "./inputs";
import { putToTheCaravans } from "./ratification";

/** An objection by a voter for the group or caravan named (`voterProcedure`, server/builders.ts). */
export async function raiseObjection(
  db: Database,
  actor: Actor,
  input: z.output<typeof raiseObjectionInput>,
) {
  return db.transaction(async (tx) => {
    // A share lock, as for ballots: the closing count waits for an objection being raised.
    const [decision] = await tx
      .select({ status: decisions.status, over: sql<boolean>`now() >= ${decisions.closesAt}` })
      .from(decisions)
      .where(eq(decisions.id, input.decisionId))
      .for("share");
    if (!decision) throw notFound();
    if (decision.status !== "open" || decision.over) throw new DomainError("CONFLICT", "decisionClosed");
    const [option] = await tx
      .select({ id: decisionOptions.meetingPointId })
      .from(decisionOptions)
      .where(
        and(
          eq(decisionOptions.decisionId, input.decisionId),
          eq(decisionOptions.meetingPointId, input.meetingPointId),
        ),
      );
    if (!option) throw new DomainError("BAD_REQUEST", "notAnOption");
    const [objection] = await tx
      .insert(safetyObjections)
      .values({
        decisionId: input.decisionId,
        meetingPointId: input.meetingPointId,
        groupId: input.groupId ?? null,
        caravanId: input.caravanId ?? null,
        raisedBy: actor.id,
        reason: input.reason,
      })
      .returning({ id: safetyObjections.id });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "decision.objection.raise",
      subjectType: "decision",
      subjectId: input.decisionId,
      groupId: input.groupId ?? null,
      detail: { meetingPoint: input.meetingPointId, caravan: input.caravanId ?? null },
    });
    return objection!;
  });
}

/**
 * A decision coordinator (`decisionCoordinatorProcedure`, server/builders.ts) resolves a group's
 * objection in writing; a caravan's is not theirs to lift. If the decision is held on that option
 * and no other objection to it is open, the option goes on: to the caravans that took part, or
 * chosen now, and everyone concerned is told.
 */
export async function resolveObjection(
  db: Database,
  actor: Actor,
  input: z.output<typeof resolveObjectionInput>,
) {
  return db.transaction(async (tx) => {
    const objection = await lockObjection(tx, input.objectionId);
    if (objection.caravanId) throw new DomainError("FORBIDDEN", "caravanObjectionIsTheCaravans");
    if (objection.resolvedAt) throw new DomainError("CONFLICT", "objectionResolved");
    await closeObjection(tx, actor, input);
    const [decision] = await tx
      .select({ status: decisions.status, winnerId: decisions.winnerId, ratifyHours: decisions.ratifyHours })
      .from(decisions)
      .where(eq(decisions.id, objection.decisionId))
      .for("update");
    const released =
      decision?.status === "held" &&
      decision.winnerId === objection.meetingPointId &&
      !(await hasOpenObjection(tx, objection.decisionId, objection.meetingPointId));
    if (released) {
      const status = await putToTheCaravans(
        tx,
        { id: objection.decisionId, ratifyHours: decision.ratifyHours },
        objection.meetingPointId,
      );
      await tx.update(decisions).set({ status }).where(eq(decisions.id, objection.decisionId));
      await tellEveryoneConcerned(tx, objection.decisionId, status);
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "decision.objection.resolve",
      subjectType: "decision",
      subjectId: objection.decisionId,
      detail: { meetingPoint: objection.meetingPointId, released },
    });
    return { decisionId: objection.decisionId, released };
  });
}

/**
 * A delegate withdraws their caravan's objection in writing (`delegateProcedure`, server/builders.ts),
 * while the decision is open: at the closing an objection still open sets its option aside.
 */
export async function withdrawObjection(
  db: Database,
  actor: Actor,
  voter: Voter,
  input: z.output<typeof withdrawObjectionInput>,
) {
  return db.transaction(async (tx) => {
    const objection = await lockObjection(tx, input.objectionId);
    if (voter.kind !== "delegate" || objection.caravanId !== voter.caravanId) {
      throw new DomainError("FORBIDDEN", "notYourCaravansObjection");
    }
    if (objection.resolvedAt) throw new DomainError("CONFLICT", "objectionResolved");
    // A share lock, as for ballots: the closing count waits for a withdrawal under way.
    const [decision] = await tx
      .select({ status: decisions.status, over: sql<boolean>`now() >= ${decisions.closesAt}` })
      .from(decisions)
      .where(eq(decisions.id, objection.decisionId))
      .for("share");
    if (!decision || decision.status !== "open" || decision.over) {
      throw new DomainError("CONFLICT", "decisionClosed");
    }
    await closeObjection(tx, actor, input);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "decision.objection.withdraw",
      subjectType: "decision",
      subjectId: objection.decisionId,
      detail: { meetingPoint: objection.meetingPointId, caravan: voter.caravanId },
    });
    return { decisionId: objection.decisionId };
  });
}

/** An objection, locked until the transaction ends so that one resolution or withdrawal wins. */
async function lockObjection(tx: Database, objectionId: string) {
  const [objection] = await tx
    .select({
      decisionId: safetyObjections.decisionId,
      meetingPointId: safetyObjections.meetingPointId,
      caravanId: safetyObjections.caravanId,
      resolvedAt: safetyObjections.resolvedAt,
    })
    .from(safetyObjections)
    .where(eq(safetyObjections.id, objectionId))
    .for("update");
  if (!objection) throw notFound();
  return objection;
}

/** A resolution or a withdrawal, in writing: the objection no longer blocks its option. */
async function closeObjection(
  tx: Database,
  actor: Actor,
  input: { objectionId: string; resolution: string },
) {
  await tx
    .update(safetyObjections)
    .set({ resolution: input.resolution, resolvedBy: actor.id, resolvedAt: sql`now()` })
    .where(eq(safetyObjections.id, input.objectionId));
}

/**
 * The objections of a decision, oldest first. Everyone sees that an option has an objection and
 * how it was resolved; only voters (caravan delegates too) and coordinators read the reasons, which may describe dangers
 * nobody should advertise. Nobody sees who objected.
 */
export async function objectionsOf(
  db: Database,
  decisionId: string,
  seesReasons: boolean,
  /** The caravans the viewer is a delegate of: their own caravan's objections say so, to be withdrawn. */
  ownCaravans: readonly string[] = [],
) {
  const rows = await db
    .select({
      id: safetyObjections.id,
      meetingPointId: safetyObjections.meetingPointId,
      reason: safetyObjections.reason,
      createdAt: safetyObjections.createdAt,
      resolution: safetyObjections.resolution,
      resolvedAt: safetyObjections.resolvedAt,
      caravanId: safetyObjections.caravanId,
    })
    .from(safetyObjections)
    .where(eq(safetyObjections.decisionId, decisionId))
    .orderBy(asc(safetyObjections.createdAt));
  return rows.map(({ caravanId, ...row }) => ({
    ...row,
    reason: seesReasons ? row.reason : null,
    byCaravan: caravanId !== null,
    /** Set only for a delegate of the caravan that raised it: the one who may withdraw it. */
    withdrawableFor: caravanId !== null && ownCaravans.includes(caravanId) ? caravanId : null,
  }));
}
