// The durable job queue. Enqueue inside the transaction that makes the job necessary, so a job
// exists exactly when its cause was committed; workers on any app server claim due jobs with
// SKIP LOCKED. Delivery is at least once: handlers must be safe to run twice.
import { and, eq, isNull, lte, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { jobs } from "@/db/schema";
import { failureSummary } from "../log";

export const MAX_ATTEMPTS = 5;
const LOCK_SECONDS = 120;

export interface JobRequest {
  kind: string;
  payload: Record<string, string>;
  runAt?: Date;
  /** Jobs with the same key are one job: later requests are ignored. */
  dedupeKey?: string;
}

export async function enqueue(db: Database, job: JobRequest): Promise<void> {
  await db
    .insert(jobs)
    .values({
      kind: job.kind,
      payload: job.payload,
      runAt: job.runAt ?? new Date(),
      dedupeKey: job.dedupeKey ?? null,
    })
    .onConflictDoNothing();
}

export interface ClaimedJob {
  id: number;
  kind: string;
  payload: Record<string, string>;
  attempts: number;
}

/** Takes up to `limit` due jobs for this worker for the next two minutes. */
export async function claimJobs(db: Database, limit = 10): Promise<ClaimedJob[]> {
  const due = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        isNull(jobs.doneAt),
        lte(jobs.runAt, sql`now()`),
        sql`${jobs.attempts} < ${MAX_ATTEMPTS}`,
        or(isNull(jobs.lockedUntil), lte(jobs.lockedUntil, sql`now()`)),
      ),
    )
    .orderBy(jobs.runAt)
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(jobs)
    .set({
      lockedUntil: sql`now() + make_interval(secs => ${LOCK_SECONDS})`,
      attempts: sql`${jobs.attempts} + 1`,
    })
    .where(sql`${jobs.id} in (${due})`)
    .returning({ id: jobs.id, kind: jobs.kind, payload: jobs.payload, attempts: jobs.attempts });
}

export async function completeJob(db: Database, id: number): Promise<void> {
  await db
    .update(jobs)
    .set({ doneAt: sql`now()`, lockedUntil: null })
    .where(eq(jobs.id, id));
}

/** Puts a failed job back, due again after a backoff that grows with its attempts. */
export async function failJob(db: Database, job: ClaimedJob, error: unknown): Promise<void> {
  const backoff = 30 * 2 ** (job.attempts - 1);
  await db
    .update(jobs)
    .set({
      lockedUntil: null,
      runAt: sql`now() + make_interval(secs => ${backoff})`,
      // Never the message: a failed query's holds its parameters (the payload's people and places).
      lastError: failureSummary(error).slice(0, 500),
    })
    .where(eq(jobs.id, job.id));
}
