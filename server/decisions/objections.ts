// Safety objections: any voter may object to an option on safety grounds while the decision is
// open; an open objection blocks that option from being chosen (the decision is `held` if it wins)
// until a coordinator resolves it in writing. Who objected is kept for the audit log only.
import { and, asc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Database } from "@/db/client";
import { decisionOptions, decisions, safetyObjections } from "@/db/schema";
import { recordAudit } from "../audit/audit";
import { DomainError, notFound } from "../errors";
import type { Actor } from "../actor";
import { chooseMeetingPoint, hasOpenObjection, tellEveryoneConcerned } from "./closing";
import type { raiseObjectionInput, resolveObjectionInput } from "./inputs";

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
 * A decision coordinator (`decisionCoordinatorProcedure`, server/builders.ts) resolves an objection in writing. If the decision is held on that option and no
 * other objection to it is open, the option is chosen now and everyone concerned is told.
 */
export async function resolveObjection(
  db: Database,
  actor: Actor,
  input: z.output<typeof resolveObjectionInput>,
) {
  return db.transaction(async (tx) => {
    const [objection] = await tx
      .select({
        decisionId: safetyObjections.decisionId,
        meetingPointId: safetyObjections.meetingPointId,
        resolvedAt: safetyObjections.resolvedAt,
      })
      .from(safetyObjections)
      .where(eq(safetyObjections.id, input.objectionId))
      .for("update");
    if (!objection) throw notFound();
    if (objection.resolvedAt) throw new DomainError("CONFLICT", "objectionResolved");
    await tx
      .update(safetyObjections)
      .set({ resolution: input.resolution, resolvedBy: actor.id, resolvedAt: sql`now()` })
      .where(eq(safetyObjections.id, input.objectionId));
    const [decision] = await tx
      .select({ status: decisions.status, winnerId: decisions.winnerId })
      .from(decisions)
      .where(eq(decisions.id, objection.decisionId))
      .for("update");
    const released =
      decision?.status === "held" &&
      decision.winnerId === objection.meetingPointId &&
      !(await hasOpenObjection(tx, objection.decisionId, objection.meetingPointId));
    if (released) {
      await tx.update(decisions).set({ status: "closed" }).where(eq(decisions.id, objection.decisionId));
      await chooseMeetingPoint(tx, objection.meetingPointId);
      await tellEveryoneConcerned(tx, objection.decisionId, "closed");
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
 * The objections of a decision, oldest first. Everyone sees that an option has an objection and
 * how it was resolved; only voters and coordinators read the reasons, which may describe dangers
 * nobody should advertise. Nobody sees who objected.
 */
export async function objectionsOf(db: Database, decisionId: string, seesReasons: boolean) {
  const rows = await db
    .select({
      id: safetyObjections.id,
      meetingPointId: safetyObjections.meetingPointId,
      reason: safetyObjections.reason,
      createdAt: safetyObjections.createdAt,
      resolution: safetyObjections.resolution,
      resolvedAt: safetyObjections.resolvedAt,
    })
    .from(safetyObjections)
    .where(eq(safetyObjections.decisionId, decisionId))
    .orderBy(asc(safetyObjections.createdAt));
  return rows.map((row) => ({ ...row, reason: seesReasons ? row.reason : null }));
}
