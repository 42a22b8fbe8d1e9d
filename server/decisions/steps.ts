// The steps a decision's outcome is made of, shared by closing it (./closing.ts) and by the
// caravans' ratification (./ratification.ts): choosing a point, the objections still open, and
// telling everyone concerned.
import { and, asc, eq, inArray, isNotNull, isNull, ne } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  decisionOptions,
  groups,
  meetingPoints,
  memberships,
  safetyObjections,
  type DecisionStatus,
} from "@/db/schema";
import type { JobKind } from "../jobs/kinds";
import { enqueue } from "../jobs/queue";
import { announceChosenPoint } from "../signing/announcements";

export const CLOSED_NOTICE_JOB = "decision.closed" satisfies JobKind;

/**
 * The one chosen point: the one before it goes back to the shortlist. The choice is signed as it
 * is made (server/signing/), so a forwarded "the point moved" can be told from Puente's own word.
 */
export async function chooseMeetingPoint(db: Database, meetingPointId: string) {
  await db
    .update(meetingPoints)
    .set({ status: "shortlisted" })
    .where(and(eq(meetingPoints.status, "chosen"), ne(meetingPoints.id, meetingPointId)));
  await db.update(meetingPoints).set({ status: "chosen" }).where(eq(meetingPoints.id, meetingPointId));
  await announceChosenPoint(db, meetingPointId);
}

/** The options with a caravan's objection still open, in the order the options are listed. */
export async function openCaravanObjections(db: Database, decisionId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ option: safetyObjections.meetingPointId, position: decisionOptions.position })
    .from(safetyObjections)
    .innerJoin(
      decisionOptions,
      and(
        eq(decisionOptions.decisionId, safetyObjections.decisionId),
        eq(decisionOptions.meetingPointId, safetyObjections.meetingPointId),
      ),
    )
    .where(
      and(
        eq(safetyObjections.decisionId, decisionId),
        isNotNull(safetyObjections.caravanId),
        isNull(safetyObjections.resolvedAt),
      ),
    )
    .orderBy(asc(decisionOptions.position));
  return rows.map((r) => r.option);
}

/** Whether an objection to the option is open (a group's holds the winner; a caravan's set it aside). */
export async function hasOpenObjection(db: Database, decisionId: string, meetingPointId: string) {
  const [open] = await db
    .select({ id: safetyObjections.id })
    .from(safetyObjections)
    .where(
      and(
        eq(safetyObjections.decisionId, decisionId),
        eq(safetyObjections.meetingPointId, meetingPointId),
        isNull(safetyObjections.resolvedAt),
      ),
    )
    .limit(1);
  return Boolean(open);
}

/** The coordinators and organizers of every verified group hear the outcome (once per outcome). */
export async function tellEveryoneConcerned(db: Database, decisionId: string, outcome: DecisionStatus) {
  const concerned = await db
    .selectDistinct({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .where(
      and(
        eq(memberships.status, "active"),
        inArray(memberships.role, ["coordinator", "organizer"]),
        eq(groups.verified, true),
      ),
    );
  for (const { userId } of concerned) {
    await enqueue(db, {
      kind: CLOSED_NOTICE_JOB,
      payload: { decisionId, userId, outcome },
      dedupeKey: `${CLOSED_NOTICE_JOB}:${decisionId}:${userId}:${outcome}`,
    });
  }
}
