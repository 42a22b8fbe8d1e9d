// Shifts: the roles of an action, each with its own time span, capacity and wanted skills.
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Database } from "@/db/client";
import { actions, groups, shifts } from "@/db/schema";
import { DomainError } from "../errors";
import type { ActionAccess } from "./access";
import { toInstant, type shiftDetailsInput } from "./inputs";
import { promoteFromWaitlist } from "./signups";

type ShiftDetails = z.output<typeof shiftDetailsInput>;

/** The shift's instants, checked to be in order and inside the action's own span. */
function span(access: ActionAccess, input: ShiftDetails) {
  const startsAt = toInstant(input.date, input.startTime, access.timeZone);
  const endsAt = toInstant(input.date, input.endTime, access.timeZone);
  if (endsAt <= startsAt) throw new DomainError("BAD_REQUEST", "shiftEndsBeforeStart");
  if (startsAt < access.startsAt || endsAt > access.endsAt)
    throw new DomainError("BAD_REQUEST", "shiftOutsideAction");
  return { startsAt, endsAt };
}

/** A new shift for the action `onAction("organizer")` loaded (server/builders.ts). */
export async function addShift(db: Database, access: ActionAccess, input: ShiftDetails) {
  const { actionId } = access;
  if (access.status === "cancelled") throw new DomainError("CONFLICT", "actionCancelled");
  const [shift] = await db
    .insert(shifts)
    .values({
      actionId,
      role: input.role,
      capacity: input.capacity,
      wantedSkills: [...new Set(input.wantedSkills)],
      ...span(access, input),
    })
    .returning({ id: shifts.id });
  return shift!;
}

/**
 * Edits a shift of the action `onShift("organizer")` loaded (server/builders.ts). Capacity never
 * drops below the places already taken; growing it fills from the waitlist.
 */
export async function updateShift(db: Database, access: ActionAccess, shiftId: string, input: ShiftDetails) {
  const times = span(access, input);
  return db.transaction(async (tx) => {
    const [locked] = await tx
      .select({ capacity: shifts.capacity, confirmedCount: shifts.confirmedCount })
      .from(shifts)
      .where(eq(shifts.id, shiftId))
      .for("update");
    if (input.capacity < locked!.confirmedCount) {
      throw new DomainError("BAD_REQUEST", "capacityBelowConfirmed", { confirmed: locked!.confirmedCount });
    }
    await tx
      .update(shifts)
      .set({
        role: input.role,
        capacity: input.capacity,
        wantedSkills: [...new Set(input.wantedSkills)],
        ...times,
      })
      .where(eq(shifts.id, shiftId));
    const promoted = await promoteFromWaitlist(
      tx,
      shiftId,
      input.capacity - locked!.confirmedCount,
      times.startsAt,
    );
    return { id: shiftId, promoted: promoted.length };
  });
}

/**
 * The next scheduled actions of `groupIds`, soonest first, each with its shifts and how full they
 * are (places taken out of capacity, people waiting): what the groups' organizers watch.
 */
export async function fillRates(db: Database, groupIds: string[], limit = 8) {
  if (groupIds.length === 0) return [];
  const upcoming = await db
    .select({
      id: actions.id,
      title: actions.title,
      placeName: actions.placeName,
      timeZone: actions.timeZone,
      startsAt: actions.startsAt,
      groupName: groups.name,
    })
    .from(actions)
    .innerJoin(groups, eq(groups.id, actions.groupId))
    .where(
      and(
        inArray(actions.groupId, groupIds),
        eq(actions.status, "scheduled"),
        gt(actions.endsAt, sql`now()`),
      ),
    )
    .orderBy(asc(actions.startsAt), asc(actions.id))
    .limit(limit);
  if (upcoming.length === 0) return [];
  const shiftRows = await db
    .select({
      id: shifts.id,
      actionId: shifts.actionId,
      role: shifts.role,
      startsAt: shifts.startsAt,
      endsAt: shifts.endsAt,
      capacity: shifts.capacity,
      taken: shifts.confirmedCount,
      // Plain SQL names: Drizzle leaves a one-table select's columns unqualified (see getAction).
      waitlisted: sql<number>`(select count(*) from signups w where w.shift_id = shifts.id and w.status = 'waitlisted')::int`,
    })
    .from(shifts)
    .where(
      inArray(
        shifts.actionId,
        upcoming.map((a) => a.id),
      ),
    )
    .orderBy(asc(shifts.startsAt), asc(shifts.role));
  return upcoming.map((action) => ({
    ...action,
    shifts: shiftRows
      .filter((s) => s.actionId === action.id)
      .map(({ actionId: _a, ...shift }) => ({ ...shift, waitlisted: Number(shift.waitlisted) })),
  }));
}
