// Meeting points: organizers of verified groups propose them, the people deciding comment, the
// decision's coordinators shortlist or reject them. Everyone may read them, except the options of a
// decision not yet public, which only the people deciding see (server/decisions/candidates.ts).
// A point's page also gathers the actions tied to it and the caravans expected there.
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Database } from "@/db/client";
import {
  decisionOptions,
  decisions,
  groups,
  meetingPointComments,
  meetingPoints,
  users,
  type MeetingPointStatus,
} from "@/db/schema";
import { recordAudit, recordReadOnceADay } from "../audit/audit";
import { isMeetingPointReviewer, isProposalEditor } from "./access";
import { proposalLocked } from "./editing";
import { DomainError, notFound } from "../errors";
import type { Actor } from "../actor";
import { candidatesVisibleTo, isParticipant } from "../decisions/candidates";
import type { meetingPointDetailsInput } from "./inputs";
import { actionsAtMeetingPoint } from "../actions/actions";
import { expectedArrivalsAt } from "../caravans/arrivals";

type MeetingPointDetails = z.output<typeof meetingPointDetailsInput>;

const isUniqueViolation = (error: unknown) =>
  typeof error === "object" &&
  error !== null &&
  ((error as { code?: string }).code === "23505" ||
    (error as { cause?: { code?: string } }).cause?.code === "23505");

export async function proposeMeetingPoint(
  db: Database,
  actor: Actor,
  groupId: string,
  input: MeetingPointDetails,
) {
  const [group] = await db.select({ verified: groups.verified }).from(groups).where(eq(groups.id, groupId));
  if (!group?.verified) throw new DomainError("FORBIDDEN", "groupNotVerifiedToPropose");
  try {
    return await db.transaction(async (tx) => {
      const [point] = await tx
        .insert(meetingPoints)
        .values({ ...input, groupId, proposedBy: actor.id })
        .returning({ id: meetingPoints.id });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "meeting_point.propose",
        subjectType: "meeting_point",
        subjectId: point!.id,
        groupId,
      });
      return point!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("CONFLICT", "meetingPointNameTaken");
    throw error;
  }
}

const listColumns = {
  id: meetingPoints.id,
  name: meetingPoints.name,
  crossing: meetingPoints.crossing,
  side: meetingPoints.side,
  latitude: meetingPoints.latitude,
  longitude: meetingPoints.longitude,
  capacity: meetingPoints.capacity,
  legalObservers: meetingPoints.legalObservers,
  status: meetingPoints.status,
  groupName: groups.name,
  groupSlug: groups.slug,
};

/**
 * Every meeting point `actor` may see, chosen first, then shortlisted, proposed and rejected; west
 * to east within each.
 */
export async function listMeetingPoints(db: Database, actor: Actor | null) {
  return db
    .select(listColumns)
    .from(meetingPoints)
    .innerJoin(groups, eq(groups.id, meetingPoints.groupId))
    .where(candidatesVisibleTo(await isParticipant(db, actor)))
    .orderBy(
      sql`array_position(array['chosen','shortlisted','proposed','rejected']::meeting_point_status[], ${meetingPoints.status})`,
      asc(meetingPoints.longitude),
    );
}

/** The chosen point, for everyone once its decision is published, for the people deciding at once. */
export async function chosenMeetingPoint(db: Database, actor: Actor | null) {
  const [point] = await db
    .select(listColumns)
    .from(meetingPoints)
    .innerJoin(groups, eq(groups.id, meetingPoints.groupId))
    .where(and(eq(meetingPoints.status, "chosen"), candidatesVisibleTo(await isParticipant(db, actor))))
    .limit(1);
  return point ?? null;
}

export async function getMeetingPoint(db: Database, actor: Actor | null, meetingPointId: string) {
  const participant = await isParticipant(db, actor);
  const [found] = await db
    .select({
      /** Kept from the public: a candidate of a decision, or its choice, not yet published. */
      unpublished: sql<boolean>`not ${candidatesVisibleTo(false)!}`,
      ...listColumns,
      facilitiesEs: meetingPoints.facilitiesEs,
      facilitiesEn: meetingPoints.facilitiesEn,
      safetyNotesEs: meetingPoints.safetyNotesEs,
      safetyNotesEn: meetingPoints.safetyNotesEn,
      safetyChecklist: meetingPoints.safetyChecklist,
      reviewNote: meetingPoints.reviewNote,
      createdAt: meetingPoints.createdAt,
      groupId: meetingPoints.groupId,
    })
    .from(meetingPoints)
    .innerJoin(groups, eq(groups.id, meetingPoints.groupId))
    .where(and(eq(meetingPoints.id, meetingPointId), candidatesVisibleTo(participant)));
  // A hidden candidate answers as one that does not exist: not even its existence is told.
  if (!found) throw notFound();
  const { unpublished, ...point } = found;
  // Where the caravans may be met, before it is public: who read it is on the record (DESIGN.md).
  if (unpublished && actor) {
    await recordReadOnceADay(db, {
      actorId: actor.id,
      action: "meeting_point.read_unpublished",
      subjectType: "meeting_point",
      subjectId: meetingPointId,
    });
  }
  const comments = await db
    .select({
      id: meetingPointComments.id,
      body: meetingPointComments.body,
      createdAt: meetingPointComments.createdAt,
      authorName: users.name,
    })
    .from(meetingPointComments)
    .leftJoin(users, eq(users.id, meetingPointComments.authorId))
    .where(eq(meetingPointComments.meetingPointId, meetingPointId))
    .orderBy(desc(meetingPointComments.createdAt))
    .limit(200);
  // What gathers here, only now that the point itself is known to be visible to the viewer.
  const [gathering, arrivals, canReview, editor] = await Promise.all([
    actionsAtMeetingPoint(db, actor, meetingPointId),
    expectedArrivalsAt(db, actor, meetingPointId),
    isMeetingPointReviewer(db, actor),
    isProposalEditor(db, actor, point.groupId),
  ]);
  return {
    ...point,
    comments,
    actions: gathering,
    arrivals,
    canReview,
    /** The viewer edits this proposal (its group's coordinators and organizers), and whether it still can be. */
    editing: editor ? { locked: await proposalLocked(db, meetingPointId, point.status) } : null,
  };
}

/** A comment on a point onMeetingPoint("reader") found the caller may read. */
export async function commentOnMeetingPoint(db: Database, actor: Actor, point: { id: string }, body: string) {
  const [comment] = await db
    .insert(meetingPointComments)
    .values({ meetingPointId: point.id, authorId: actor.id, body })
    .returning({ id: meetingPointComments.id });
  return comment!;
}

/**
 * Shortlisting or rejecting a proposal (or a shortlisted point, until a decision chooses it), by a
 * decision coordinator (`decisionCoordinatorProcedure`, server/builders.ts).
 */
async function review(
  db: Database,
  actor: Actor,
  meetingPointId: string,
  status: Extract<MeetingPointStatus, "shortlisted" | "rejected">,
  note: string | null,
) {
  if (status === "rejected") {
    // An option of a decision being voted on stays one until the count.
    const [inUse] = await db
      .select({ id: decisions.id })
      .from(decisionOptions)
      .innerJoin(decisions, eq(decisions.id, decisionOptions.decisionId))
      .where(and(eq(decisionOptions.meetingPointId, meetingPointId), eq(decisions.status, "open")))
      .limit(1);
    if (inUse) throw new DomainError("CONFLICT", "meetingPointInOpenDecision");
  }
  return db.transaction(async (tx) => {
    const [point] = await tx
      .update(meetingPoints)
      .set({ status, reviewNote: note })
      .where(
        and(
          eq(meetingPoints.id, meetingPointId),
          sql`${meetingPoints.status} in ('proposed', 'shortlisted', 'rejected')`,
          sql`${meetingPoints.status} <> ${status}`,
        ),
      )
      .returning({ id: meetingPoints.id, groupId: meetingPoints.groupId });
    if (!point) {
      const [exists] = await tx
        .select({ id: meetingPoints.id })
        .from(meetingPoints)
        .where(eq(meetingPoints.id, meetingPointId));
      if (!exists) throw notFound();
      throw new DomainError("CONFLICT", "meetingPointAlreadyReviewed");
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: status === "shortlisted" ? "meeting_point.shortlist" : "meeting_point.reject",
      subjectType: "meeting_point",
      subjectId: meetingPointId,
      groupId: point.groupId,
      detail: note ? { note } : undefined,
    });
    return { id: meetingPointId, status };
  });
}

export const shortlistMeetingPoint = (db: Database, actor: Actor, meetingPointId: string) =>
  review(db, actor, meetingPointId, "shortlisted", null);

export const rejectMeetingPoint = (db: Database, actor: Actor, meetingPointId: string, note: string) =>
  review(db, actor, meetingPointId, "rejected", note);
