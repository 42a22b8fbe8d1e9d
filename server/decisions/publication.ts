// When a decision's result becomes public, as its coordinators set it once the voting is over: at
// once, at a set time, or never. Until then only the people deciding see its options
// (./candidates.ts decides on every read; the job below only puts the moment on the record).
import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Database } from "@/db/client";
import { decisions } from "@/db/schema";
import { recordAudit } from "../audit/audit";
import { DomainError, notFound } from "../errors";
import { enqueue } from "../jobs/queue";
import { defineJob, type JobPayload } from "../jobs/kinds";
import type { Actor } from "../actor";
import { isPublished } from "./candidates";
import type { publishDecisionInput } from "./inputs";

/** Sets when the result becomes public, by one of the decision's coordinators (`onDecision("coordinator")`). */
export async function publishDecision(
  db: Database,
  actor: Actor,
  input: z.output<typeof publishDecisionInput>,
) {
  return db.transaction(async (tx) => {
    const [decision] = await tx
      .select({ status: decisions.status, over: sql<boolean>`now() >= ${decisions.closesAt}` })
      .from(decisions)
      .where(eq(decisions.id, input.decisionId))
      .for("update");
    if (!decision) throw notFound();
    // The options stay with the people deciding while they still decide. Once the closing time
    // has passed the choice may be made, even before the closing job has run: nothing becomes
    // public until the count is settled (./candidates.ts).
    if (decision.status === "open" && !decision.over) throw new DomainError("CONFLICT", "decisionStillOpen");
    const now = new Date();
    const publishesAt =
      input.when === "now" || (input.publishesAt && input.publishesAt < now) ? now : input.publishesAt;
    const publication = input.when === "never" ? "never" : "at";
    await tx.update(decisions).set({ publication, publishesAt }).where(eq(decisions.id, input.decisionId));
    if (publishesAt) {
      const at = publishesAt.toISOString();
      await enqueue(tx, {
        kind: "decision.publish",
        payload: { decisionId: input.decisionId, publishesAt: at },
        runAt: publishesAt,
        dedupeKey: `decision.publish:${input.decisionId}:${at}`,
      });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "decision.publish",
      subjectType: "decision",
      subjectId: input.decisionId,
      detail: { publication, publishesAt: publishesAt?.toISOString() ?? null },
    });
    return { decisionId: input.decisionId, publication, publishesAt };
  });
}

/**
 * At the publication time: the result became public, on the record. A job for a time since
 * changed (or a decision not yet settled) finds nothing to record.
 */
async function recordPublication(db: Database, payload: JobPayload<"decision.publish">) {
  const [decision] = await db
    .select({
      status: decisions.status,
      publication: decisions.publication,
      publishesAt: decisions.publishesAt,
    })
    .from(decisions)
    .where(eq(decisions.id, payload.decisionId));
  if (!decision || !isPublished(decision)) return;
  if (decision.publishesAt!.getTime() !== new Date(payload.publishesAt).getTime()) return;
  await recordAudit(db, {
    actorId: null,
    action: "decision.published",
    subjectType: "decision",
    subjectId: payload.decisionId,
  });
}

export const decisionPublishJob = defineJob("decision.publish", recordPublication);
