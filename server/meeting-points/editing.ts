// Editing a proposal: the group that proposed a place keeps it accurate. Only its own coordinators
// and organizers (the router's inGroupProcedure names the group; the point must be that group's),
// and never while it is an option of a decision being voted on, nor once chosen or rejected.
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Database } from "@/db/client";
import { decisionOptions, decisions, meetingPoints, type MeetingPointStatus } from "@/db/schema";
import { recordAudit } from "../audit/audit";
import { DomainError, notFound } from "../errors";
import type { Actor } from "../actor";
import type { meetingPointDetailsInput } from "./inputs";

/**
 * Whether a proposal can no longer be edited: chosen, rejected, or an option of a decision being
 * voted on (voters chose between places as they were described: the description holds until the count).
 */
export async function proposalLocked(
  db: Database,
  meetingPointId: string,
  status: MeetingPointStatus,
): Promise<boolean> {
  if (status === "chosen" || status === "rejected") return true;
  const [inUse] = await db
    .select({ id: decisions.id })
    .from(decisionOptions)
    .innerJoin(decisions, eq(decisions.id, decisionOptions.decisionId))
    .where(and(eq(decisionOptions.meetingPointId, meetingPointId), eq(decisions.status, "open")))
    .limit(1);
  return Boolean(inUse);
}

export async function updateMeetingPoint(
  db: Database,
  actor: Actor,
  groupId: string,
  meetingPointId: string,
  details: z.output<typeof meetingPointDetailsInput>,
) {
  return db.transaction(async (tx) => {
    const [point] = await tx
      .select({ groupId: meetingPoints.groupId, status: meetingPoints.status })
      .from(meetingPoints)
      .where(eq(meetingPoints.id, meetingPointId))
      .for("update");
    if (!point) throw notFound();
    if (point.groupId !== groupId) throw new DomainError("FORBIDDEN", "notMeetingPointOwner");
    if (await proposalLocked(tx, meetingPointId, point.status)) {
      throw new DomainError("CONFLICT", "meetingPointInOpenDecision");
    }
    await tx.update(meetingPoints).set(details).where(eq(meetingPoints.id, meetingPointId));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "meeting_point.update",
      subjectType: "meeting_point",
      subjectId: meetingPointId,
      groupId,
    });
    return { id: meetingPointId };
  });
}
