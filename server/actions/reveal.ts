// The exact spot of a members-only action, revealed late and taken away early: its confirmed
// volunteers see it (in the app, and by email) only from a set time before the start until the
// end; its organizers see it until the end; nobody sees it afterwards. Public actions show their
// place to everyone. Every page, email and calendar feed asks `exactPlaceFor`.
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { actions, memberships, shifts, signups } from "@/db/schema";
import { enqueue } from "../jobs/queue";
import { defineJob, type JobPayload } from "../jobs/kinds";

const HOUR = 60 * 60 * 1000;

interface PlacedAction {
  visibility: "public" | "members";
  exactLocation: string;
  startsAt: Date;
  endsAt: Date;
  revealHoursBefore: number;
}

/** Who is looking: an organizer of the action's group, one of its confirmed volunteers, or anyone else. */
export type PlaceViewer = "organizer" | "confirmed" | "other";

export const revealTime = (action: Pick<PlacedAction, "startsAt" | "revealHoursBefore">) =>
  new Date(action.startsAt.getTime() - action.revealHoursBefore * HOUR);

/**
 * The exact place as `viewer` may see it at `now` (null when hidden), and, for a confirmed
 * volunteer still waiting, when it will be shown.
 */
export function exactPlaceFor(
  action: PlacedAction,
  viewer: PlaceViewer,
  now = new Date(),
): { exactLocation: string | null; revealsAt: Date | null } {
  const hidden = { exactLocation: null, revealsAt: null };
  if (!action.exactLocation) return { exactLocation: "", revealsAt: null };
  if (action.visibility === "public") return { exactLocation: action.exactLocation, revealsAt: null };
  if (now >= action.endsAt) return hidden;
  if (viewer === "organizer") return { exactLocation: action.exactLocation, revealsAt: null };
  if (viewer !== "confirmed") return hidden;
  const revealsAt = revealTime(action);
  return now >= revealsAt
    ? { exactLocation: action.exactLocation, revealsAt: null }
    : { exactLocation: null, revealsAt };
}

/**
 * Schedules the email that tells a members-only action's confirmed volunteers its exact place,
 * at the reveal time. Called whenever the action is created or edited; a job for an outdated
 * time finds its time changed and does nothing.
 */
export async function scheduleReveal(db: Database, actionId: string) {
  const [action] = await db
    .select({
      visibility: actions.visibility,
      exactLocation: actions.exactLocation,
      startsAt: actions.startsAt,
      revealHoursBefore: actions.revealHoursBefore,
    })
    .from(actions)
    .where(eq(actions.id, actionId));
  if (!action || action.visibility !== "members" || !action.exactLocation) return;
  const revealsAt = revealTime(action);
  await enqueue(db, {
    kind: "action.reveal",
    payload: { actionId, revealsAt: revealsAt.toISOString() },
    runAt: revealsAt,
    dedupeKey: `action.reveal:${actionId}:${revealsAt.toISOString()}`,
  });
}

/** At the reveal time: one email job per confirmed volunteer who is still an active member. */
async function fanOutReveal(db: Database, payload: JobPayload<"action.reveal">) {
  const [action] = await db
    .select({
      id: actions.id,
      groupId: actions.groupId,
      visibility: actions.visibility,
      status: actions.status,
      exactLocation: actions.exactLocation,
      startsAt: actions.startsAt,
      endsAt: actions.endsAt,
      revealHoursBefore: actions.revealHoursBefore,
    })
    .from(actions)
    .where(eq(actions.id, payload.actionId));
  if (!action || action.status !== "scheduled" || action.visibility !== "members" || !action.exactLocation)
    return;
  if (revealTime(action).toISOString() !== payload.revealsAt || new Date() >= action.endsAt) return;
  const volunteers = await db
    .selectDistinct({ userId: signups.userId })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .innerJoin(
      memberships,
      and(
        eq(memberships.userId, signups.userId),
        eq(memberships.groupId, action.groupId),
        eq(memberships.status, "active"),
      ),
    )
    .where(and(eq(shifts.actionId, action.id), eq(signups.status, "confirmed")));
  await db.transaction(async (tx) => {
    for (const { userId } of volunteers) {
      await enqueue(tx, {
        kind: "action.revealEmail",
        payload: { actionId: action.id, userId, revealsAt: payload.revealsAt },
        dedupeKey: `action.revealEmail:${action.id}:${userId}:${payload.revealsAt}`,
      });
    }
  });
}

export const revealJob = defineJob("action.reveal", fanOutReveal);
