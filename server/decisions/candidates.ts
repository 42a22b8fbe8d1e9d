// Who sees a decision's candidates: while it is open, and after it until its coordinators publish
// the result, its options (names, places, notes, comments, the count and the ballots) are for the
// people deciding only. Every read of a meeting point or a decision asks here.
import { and, eq, inArray, not, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { decisionOptions, decisions, meetingPoints, type DecisionStatus } from "@/db/schema";
import { verifiedGroupsOf } from "../groups/membership";
import type { Actor } from "../actor";
import { delegateCaravans } from "./access";

/** A decision is public only once settled: a count still waiting on anyone keeps its options closed. */
const settled: DecisionStatus[] = ["closed", "no_quorum"];

/** The people deciding: admins, active members of verified groups (any role) and caravan delegates. */
export async function isParticipant(db: Database, actor: Actor | null): Promise<boolean> {
  if (!actor) return false;
  if (actor.isAdmin) return true;
  const [groups, caravans] = await Promise.all([verifiedGroupsOf(db, actor), delegateCaravans(db, actor)]);
  return groups.length > 0 || caravans.length > 0;
}

/** Whether a decision row's options and result are public now. */
export const isPublished = (decision: { status: string; publication: string; publishesAt: Date | null }) =>
  settled.includes(decision.status as DecisionStatus) &&
  decision.publication === "at" &&
  decision.publishesAt !== null &&
  decision.publishesAt.getTime() <= Date.now();

/** The same rule in SQL, over the `decisions` table. */
export const publishedSql = (): SQL =>
  and(
    inArray(decisions.status, settled),
    eq(decisions.publication, "at"),
    sql`${decisions.publishesAt} <= now()`,
  )!;

/**
 * The condition on `meeting_points` that keeps out, for a viewer who is not a participant, every
 * point that is an option of a decision not yet public, unless a published decision already made
 * it known (a chosen point stays public when it is a candidate again); nothing for a participant.
 */
export function candidatesVisibleTo(participant: boolean): SQL | undefined {
  if (participant) return undefined;
  return sql`(not exists (${optionOf(not(publishedSql())!)}) or exists (${optionOf(publishedSql())}))`;
}

function optionOf(condition: SQL) {
  return sql`select 1 from ${decisionOptions} join ${decisions} on ${decisions.id} = ${decisionOptions.decisionId}
    where ${decisionOptions.meetingPointId} = ${meetingPoints.id} and ${condition}`;
}
