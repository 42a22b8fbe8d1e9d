// Who may do what with an action: the one place its object-level rules live.
import { and, eq, inArray, or, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { actions, memberships, shifts, signups, type SignupStatus } from "@/db/schema";
import { DomainError, notFound } from "../errors";
import type { Actor } from "../actor";

export interface ActionAccess {
  actionId: string;
  groupId: string;
  status: "scheduled" | "cancelled" | "done";
  visibility: "public" | "members";
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  /** The viewer's active role in the organizing group, if any. */
  role: "coordinator" | "organizer" | "member" | null;
}

/**
 * The actions `actor` may find in a listing: public ones, and members-only ones of the groups they
 * are an active member of. Every listing of actions (the actions page, a meeting point's page) asks here.
 */
export function actionsVisibleTo(db: Database, actor: Actor | null): SQL {
  if (!actor) return eq(actions.visibility, "public");
  const myGroups = db
    .select({ groupId: memberships.groupId })
    .from(memberships)
    .where(and(eq(memberships.userId, actor.id), eq(memberships.status, "active")));
  return or(eq(actions.visibility, "public"), inArray(actions.groupId, myGroups))!;
}

export const isOrganizer = (access: ActionAccess) =>
  access.role === "coordinator" || access.role === "organizer";

/** Loads an action as `actor` may see it: a members-only action does not exist for outsiders. */
export async function actionAccess(
  db: Database,
  actor: Actor | null,
  actionId: string,
): Promise<ActionAccess> {
  const [row] = await db
    .select({
      actionId: actions.id,
      groupId: actions.groupId,
      status: actions.status,
      visibility: actions.visibility,
      startsAt: actions.startsAt,
      endsAt: actions.endsAt,
      timeZone: actions.timeZone,
      role: memberships.role,
    })
    .from(actions)
    .leftJoin(
      memberships,
      and(
        eq(memberships.groupId, actions.groupId),
        eq(memberships.userId, actor?.id ?? ""),
        eq(memberships.status, "active"),
      ),
    )
    .where(eq(actions.id, actionId));
  if (!row) throw notFound();
  if (row.visibility === "members" && !row.role) throw notFound();
  return row;
}

export async function organizerAccess(db: Database, actor: Actor, actionId: string): Promise<ActionAccess> {
  const access = await actionAccess(db, actor, actionId);
  if (!isOrganizer(access)) throw new DomainError("FORBIDDEN", "notActionOrganizer");
  return access;
}

export async function shiftAccess(db: Database, actor: Actor | null, shiftId: string) {
  const [shift] = await db.select({ actionId: shifts.actionId }).from(shifts).where(eq(shifts.id, shiftId));
  if (!shift) throw notFound();
  return actionAccess(db, actor, shift.actionId);
}

/** A signup as its action's organizers handle it: its status and its shift's start. */
export interface SignupAccess {
  id: string;
  status: SignupStatus;
  shiftStartsAt: Date;
}

/** Loads a signup and its action as `actor` may see it (as `shiftAccess`). */
export async function signupAccess(db: Database, actor: Actor | null, signupId: string) {
  const [row] = await db
    .select({ status: signups.status, shiftId: signups.shiftId, shiftStartsAt: shifts.startsAt })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .where(eq(signups.id, signupId));
  if (!row) throw notFound();
  const action = await shiftAccess(db, actor, row.shiftId);
  const signup: SignupAccess = { id: signupId, status: row.status, shiftStartsAt: row.shiftStartsAt };
  return { signup, action };
}
