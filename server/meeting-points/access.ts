// Who reviews proposed meeting points (shortlists or rejects them): admins, the reviewers an admin
// named, and the coordinators of a decision still open. Not every coordinator of every group.
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { decisionCoordinators, decisions } from "@/db/schema";
import { DomainError } from "../errors";
import type { Actor } from "../actor";
import { isReviewer } from "../reviewers/reviewers";

export async function requireMeetingPointReviewer(db: Database, actor: Actor): Promise<void> {
  if (await isReviewer(db, actor)) return;
  const [running] = await db
    .select({ id: decisions.id })
    .from(decisionCoordinators)
    .innerJoin(decisions, eq(decisions.id, decisionCoordinators.decisionId))
    .where(and(eq(decisionCoordinators.userId, actor.id), eq(decisions.status, "open")))
    .limit(1);
  if (!running) throw new DomainError("FORBIDDEN", "notMeetingPointReviewer");
}
