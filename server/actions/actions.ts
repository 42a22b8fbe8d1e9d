// Actions: creating, editing and cancelling them, the list of upcoming ones, and one action as
// its viewer may see it (a members-only action's exact place as server/actions/reveal.ts allows).
import { and, asc, eq, gt, gte, ilike, lt, or, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Database } from "@/db/client";
import { actions, groups, meetingPoints, shifts } from "@/db/schema";
import { recordAudit } from "../audit/audit";
import { containsPattern } from "../search";
import { DomainError } from "../errors";
import type { Actor } from "../actor";
import { after } from "../pagination";
import { candidatesVisibleTo, isParticipant } from "../decisions/candidates";
import { actionAccess, actionsVisibleTo, isOrganizer, type ActionAccess } from "./access";
import {
  ACTIONS_PAGE_SIZE,
  type actionDetailsInput,
  type actionListInput,
  type firstShiftInput,
} from "./inputs";
import { reopenedIfFuture } from "./finishing";
import { exactPlaceFor, scheduleReveal } from "./reveal";
import { checkInOpensAt, myWaitlistPositions } from "./signups";
import { requireVisibleMeetingPoint, visibleMeetingPoint } from "../meeting-points/visible";
import { announceActionChange } from "../signing/announcements";

type ActionDetails = z.output<typeof actionDetailsInput>;

export async function createAction(
  db: Database,
  actor: Actor,
  groupId: string,
  input: ActionDetails,
  firstShift?: z.output<typeof firstShiftInput>,
) {
  const [group] = await db.select({ verified: groups.verified }).from(groups).where(eq(groups.id, groupId));
  if (!group?.verified) throw new DomainError("FORBIDDEN", "groupNotVerified");
  if (input.meetingPointId) await requireVisibleMeetingPoint(db, actor, input.meetingPointId);
  return db.transaction(async (tx) => {
    const [action] = await tx
      .insert(actions)
      .values({ ...input, groupId, createdBy: actor.id })
      .returning({ id: actions.id });
    await scheduleReveal(tx, action!.id);
    if (firstShift) {
      await tx.insert(shifts).values({
        actionId: action!.id,
        role: firstShift.role,
        capacity: firstShift.capacity,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
      });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "action.create",
      subjectType: "action",
      subjectId: action!.id,
      groupId,
    });
    return action!;
  });
}

/** Edits an action; `access` is the action as `onAction("organizer")` loaded it (server/builders.ts). */
export async function updateAction(db: Database, actor: Actor, access: ActionAccess, input: ActionDetails) {
  const { actionId } = access;
  if (access.status === "cancelled") throw new DomainError("CONFLICT", "actionCancelled");
  const meetingPointId = await meetingPointAfterEdit(db, actor, actionId, input.meetingPointId);
  const [outside] = await db
    .select({ id: shifts.id })
    .from(shifts)
    .where(
      and(
        eq(shifts.actionId, actionId),
        or(lt(shifts.startsAt, input.startsAt), gt(shifts.endsAt, input.endsAt)),
      ),
    )
    .limit(1);
  if (outside) throw new DomainError("BAD_REQUEST", "shiftsOutsideAction");
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ startsAt: actions.startsAt, endsAt: actions.endsAt, placeName: actions.placeName })
      .from(actions)
      .where(eq(actions.id, actionId))
      .for("update");
    await tx
      .update(actions)
      // An ended action the job marked done is scheduled again if the edit moves its end ahead.
      .set({ ...input, meetingPointId, status: reopenedIfFuture(input.endsAt) })
      .where(eq(actions.id, actionId));
    await scheduleReveal(tx, actionId);
    // A new time or place is what a forged message would claim: the real change is signed.
    const moved =
      before!.startsAt.getTime() !== input.startsAt.getTime() ||
      before!.endsAt.getTime() !== input.endsAt.getTime() ||
      before!.placeName !== input.placeName;
    if (moved) await announceActionChange(tx, actionId, "changed");
    await recordAudit(tx, {
      actorId: actor.id,
      action: "action.update",
      subjectType: "action",
      subjectId: actionId,
      groupId: access.groupId,
    });
  });
  return { id: actionId };
}

/**
 * The meeting point an edit leaves the action at. A named point must be one the editor may see.
 * "None" from an editor who cannot see the current point (a candidate hidden from them, which a
 * co-organizer tied it to) keeps it: their form could not show it, so it cannot mean to remove it.
 */
async function meetingPointAfterEdit(db: Database, actor: Actor, actionId: string, named: string | null) {
  if (named) return (await requireVisibleMeetingPoint(db, actor, named)).id;
  const [current] = await db
    .select({ meetingPointId: actions.meetingPointId })
    .from(actions)
    .where(eq(actions.id, actionId));
  if (!current?.meetingPointId) return null;
  return (await visibleMeetingPoint(db, actor, current.meetingPointId)) ? null : current.meetingPointId;
}

/**
 * Cancels an action; its volunteers keep their signups on record but nobody can sign up. Its
 * shifts are locked first, in one order (by id, so two of these cannot deadlock, and a signup
 * holds one shift at most): a signup or a promotion already holding one finishes before the status
 * changes, and one waiting for it then finds the action cancelled (./signups.ts).
 */
export async function cancelAction(db: Database, actor: Actor, access: ActionAccess) {
  const { actionId } = access;
  return db.transaction(async (tx) => {
    await tx
      .select({ id: shifts.id })
      .from(shifts)
      .where(eq(shifts.actionId, actionId))
      .orderBy(asc(shifts.id))
      .for("update");
    const [cancelled] = await tx
      .update(actions)
      .set({ status: "cancelled" })
      .where(and(eq(actions.id, actionId), eq(actions.status, "scheduled")))
      .returning({ id: actions.id });
    if (!cancelled) throw new DomainError("CONFLICT", "actionCancelled");
    await announceActionChange(tx, actionId, "cancelled");
    await recordAudit(tx, {
      actorId: actor.id,
      action: "action.cancel",
      subjectType: "action",
      subjectId: actionId,
      groupId: access.groupId,
    });
    return cancelled;
  });
}

/** Upcoming actions the viewer may see, soonest first, with how full their shifts are. */
export async function listActions(
  db: Database,
  actor: Actor | null,
  input: z.output<typeof actionListInput>,
) {
  const filters: (SQL | undefined)[] = [
    eq(actions.status, "scheduled"),
    input.from ? gte(actions.endsAt, new Date(`${input.from}T00:00:00Z`)) : gt(actions.endsAt, sql`now()`),
    actionsVisibleTo(db, actor),
  ];
  if (input.place) filters.push(ilike(actions.placeName, containsPattern(input.place)));
  if (input.kind) filters.push(eq(actions.kind, input.kind));
  if (input.groupId) filters.push(eq(actions.groupId, input.groupId));
  if (input.language) filters.push(sql`${input.language}::locale = any(${actions.languages})`);
  if (input.skill) {
    filters.push(
      sql`exists (select 1 from ${shifts} where ${shifts.actionId} = ${actions.id} and ${input.skill}::skill = any(${shifts.wantedSkills}))`,
    );
  }
  if (input.after) {
    filters.push(after([actions.startsAt, actions.id], [input.after.startsAt, input.after.id]));
  }
  const rows = await db
    .select({
      id: actions.id,
      title: actions.title,
      kind: actions.kind,
      placeName: actions.placeName,
      timeZone: actions.timeZone,
      startsAt: actions.startsAt,
      endsAt: actions.endsAt,
      languages: actions.languages,
      visibility: actions.visibility,
      groupName: groups.name,
      groupSlug: groups.slug,
      places: sql<number>`coalesce((select sum(${shifts.capacity}) from ${shifts} where ${shifts.actionId} = ${actions.id}), 0)::int`,
      taken: sql<number>`coalesce((select sum(${shifts.confirmedCount}) from ${shifts} where ${shifts.actionId} = ${actions.id}), 0)::int`,
    })
    .from(actions)
    .innerJoin(groups, eq(groups.id, actions.groupId))
    .where(and(...filters))
    .orderBy(asc(actions.startsAt), asc(actions.id))
    .limit(ACTIONS_PAGE_SIZE + 1);
  const page = rows.slice(0, ACTIONS_PAGE_SIZE);
  const last = page.at(-1);
  return {
    actions: page,
    next: rows.length > ACTIONS_PAGE_SIZE && last ? { startsAt: last.startsAt, id: last.id } : null,
  };
}

/** One action with its shifts, the viewer's own signups, and the exact place if they may see it. */
export async function getAction(db: Database, actor: Actor | null, actionId: string) {
  const access = await actionAccess(db, actor, actionId);
  const participant = await isParticipant(db, actor);
  const [action] = await db
    .select({
      id: actions.id,
      title: actions.title,
      kind: actions.kind,
      description: actions.description,
      placeName: actions.placeName,
      exactLocation: actions.exactLocation,
      revealHoursBefore: actions.revealHoursBefore,
      timeZone: actions.timeZone,
      startsAt: actions.startsAt,
      endsAt: actions.endsAt,
      languages: actions.languages,
      visibility: actions.visibility,
      status: actions.status,
      groupId: groups.id,
      groupName: groups.name,
      groupSlug: groups.slug,
      meetingPointId: meetingPoints.id,
      meetingPointName: meetingPoints.name,
      meetingPointStatus: meetingPoints.status,
    })
    .from(actions)
    .innerJoin(groups, eq(groups.id, actions.groupId))
    // Only a point the viewer may see: a hidden candidate is not named, nor its id given.
    .leftJoin(
      meetingPoints,
      and(eq(meetingPoints.id, actions.meetingPointId), candidatesVisibleTo(participant)),
    )
    .where(eq(actions.id, actionId));
  const shiftRows = await db
    .select({
      id: shifts.id,
      role: shifts.role,
      startsAt: shifts.startsAt,
      endsAt: shifts.endsAt,
      capacity: shifts.capacity,
      confirmedCount: shifts.confirmedCount,
      wantedSkills: shifts.wantedSkills,
      // Written out in full: Drizzle leaves a single-table query's columns unqualified, and inside
      // this subquery "id" would name signups.id (the count was always 0, after a scan of signups).
      waitlisted: sql<number>`(select count(*) from "signups" waiting where waiting.shift_id = "shifts"."id" and waiting.status = 'waitlisted')::int`,
    })
    .from(shifts)
    .where(eq(shifts.actionId, actionId))
    .orderBy(asc(shifts.startsAt), asc(shifts.role));
  const mine = actor ? await myWaitlistPositions(db, actor, actionId) : [];
  const confirmed = mine.some((s) => s.status === "confirmed" || s.status === "attended");
  const viewer = isOrganizer(access) ? "organizer" : confirmed ? "confirmed" : "other";
  const { meetingPointId, meetingPointName, meetingPointStatus, ...details } = action!;
  return {
    ...details,
    ...exactPlaceFor(action!, viewer),
    meetingPoint:
      meetingPointId && meetingPointName && meetingPointStatus
        ? { id: meetingPointId, name: meetingPointName, status: meetingPointStatus }
        : null,
    shifts: shiftRows.map((shift) => {
      const checkInOpens = checkInOpensAt(shift.startsAt);
      return { ...shift, checkInOpensAt: checkInOpens, checkInOpen: Date.now() >= checkInOpens.getTime() };
    }),
    mySignups: mine,
    canManage: isOrganizer(access),
    isOpen: action!.status === "scheduled" && action!.endsAt.getTime() > Date.now(),
  };
}

/** Upcoming scheduled actions tied to a meeting point, that `actor` may see, soonest first. */
export async function actionsAtMeetingPoint(db: Database, actor: Actor | null, meetingPointId: string) {
  return db
    .select({
      id: actions.id,
      title: actions.title,
      kind: actions.kind,
      placeName: actions.placeName,
      timeZone: actions.timeZone,
      startsAt: actions.startsAt,
      endsAt: actions.endsAt,
      visibility: actions.visibility,
      groupName: groups.name,
      groupSlug: groups.slug,
    })
    .from(actions)
    .innerJoin(groups, eq(groups.id, actions.groupId))
    .where(
      and(
        eq(actions.meetingPointId, meetingPointId),
        eq(actions.status, "scheduled"),
        gt(actions.endsAt, sql`now()`),
        actionsVisibleTo(db, actor),
      ),
    )
    .orderBy(asc(actions.startsAt), asc(actions.id))
    .limit(50);
}
