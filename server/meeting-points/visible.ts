// A meeting point named by id in someone's request (an action tied to it): found only when the
// caller may see it (server/decisions/candidates.ts), so a hidden candidate answers exactly as an
// id that does not exist.
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { meetingPoints } from "@/db/schema";
import { DomainError } from "../errors";
import type { Actor } from "../actor";
import { candidatesVisibleTo, isParticipant } from "../decisions/candidates";

/** The point if `actor` may see it, else null. */
export async function visibleMeetingPoint(db: Database, actor: Actor | null, meetingPointId: string) {
  const [point] = await db
    .select({ id: meetingPoints.id, name: meetingPoints.name, status: meetingPoints.status })
    .from(meetingPoints)
    .where(and(eq(meetingPoints.id, meetingPointId), candidatesVisibleTo(await isParticipant(db, actor))));
  return point ?? null;
}

/** The same, refusing with one typed error whether the point is hidden or does not exist. */
export async function requireVisibleMeetingPoint(db: Database, actor: Actor, meetingPointId: string) {
  const point = await visibleMeetingPoint(db, actor, meetingPointId);
  if (!point) throw new DomainError("BAD_REQUEST", "unknownMeetingPoint");
  return point;
}
