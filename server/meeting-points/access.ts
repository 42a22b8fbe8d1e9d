// Who reads a meeting point: anyone a public place, only the people deciding a hidden candidate.
// Who edits a proposal: its own group's active coordinators and organizers.
// Who reviews proposed meeting points (shortlists or rejects them): admins, the reviewers an admin
// named, and the coordinators of a decision still open. Not every coordinator of every group.
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { decisionCoordinators, decisions, meetingPoints, memberships } from "@/db/schema";
import { candidatesVisibleTo, isParticipant } from "../decisions/candidates";
import { DomainError, notFound } from "../errors";
import type { Actor } from "../actor";
import { isReviewer } from "../reviewers/reviewers";

/**
 * The meeting point as `actor` may read it: a candidate hidden while its decision is open does not
 * exist for anyone but the people deciding (NOT_FOUND).
 */
export async function requireVisibleMeetingPoint(
  db: Database,
  actor: Actor,
  meetingPointId: string,
): Promise<{ id: string }> {
  const [point] = await db
    .select({ id: meetingPoints.id })
    .from(meetingPoints)
    .where(and(eq(meetingPoints.id, meetingPointId), candidatesVisibleTo(await isParticipant(db, actor))));
  if (!point) throw notFound();
  return point;
}

/** Whether `actor` reviews proposals (the rule the page's buttons and the procedures share). */
export async function isMeetingPointReviewer(db: Database, actor: Actor | null): Promise<boolean> {
  if (!actor) return false;
  if (await isReviewer(db, actor)) return true;
  const [running] = await db
    .select({ id: decisions.id })
    .from(decisionCoordinators)
    .innerJoin(decisions, eq(decisions.id, decisionCoordinators.decisionId))
    .where(and(eq(decisionCoordinators.userId, actor.id), eq(decisions.status, "open")))
    .limit(1);
  return Boolean(running);
}

export async function requireMeetingPointReviewer(db: Database, actor: Actor): Promise<void> {
  if (!(await isMeetingPointReviewer(db, actor)))
    throw new DomainError("FORBIDDEN", "notMeetingPointReviewer");
}

/**
 * Whether `actor` edits the proposals of `groupId`: an active coordinator or organizer of that
 * group (the rule meetingPoints.update's builder and ./editing.ts apply), for the page's link.
 */
export async function isProposalEditor(db: Database, actor: Actor | null, groupId: string): Promise<boolean> {
  if (!actor) return false;
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(
      and(
        eq(memberships.groupId, groupId),
        eq(memberships.userId, actor.id),
        eq(memberships.status, "active"),
        inArray(memberships.role, ["coordinator", "organizer"]),
      ),
    )
    .limit(1);
  return Boolean(row);
}
