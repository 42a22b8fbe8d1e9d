// The durable job queue. Enqueue inside the transaction that makes the job necessary, so a job
// exists exactly when its cause was committed; workers on any app server claim due jobs with
// SKIP LOCKED. Delivery is at least once: handlers must be safe to run twice.
import { and, eq, isNull, lte, or, sql } from "drizzle-orm";
import { env, type Database } from "@/db/client";
import { jobs } from "@/db/schema";
import { failureSummary } from "../log";
import { InvalidJob, isJobKind, jobPayloads, type JobKind, type JobPayload } from "./kinds";

export const MAX_ATTEMPTS = 5;
const LOCK_SECONDS = 120;

/**
 * How many jobs a worker runs at once. Most jobs are emails, and an email spends its time waiting
 * for the SMTP server (~50 ms a message here, more to a real relay), so one at a time sent a
 * 1,000-person message in minutes. Each running job holds a database connection, so this stays
 * well under the pool's size; the SMTP pool (server/email/email.ts) has as many connections.
 */
export const JOB_CONCURRENCY = Number(env("PUENTE_JOB_CONCURRENCY") ?? 5);

/** A job of one kind with that kind's payload (./kinds.ts): any other pair does not compile. */
export type JobRequest = {
  [K in JobKind]: {
    kind: K;
    payload: JobPayload<K>;
    runAt?: Date;
    /** Jobs with the same key are one job: later requests are ignored. */
    dedupeKey?: string;
  };
}[JobKind];

/** Queues one job, or several in one INSERT. */
export async function enqueue(db: Database, request: JobRequest | JobRequest[]): Promise<void> {
  const requests = Array.isArray(request) ? request : [request];
  if (requests.length === 0) return;
  await db
    .insert(jobs)
    .values(
      requests.map((job) => ({
        kind: job.kind,
        payload: checkedPayload(job),
        runAt: job.runAt ?? new Date(),
        dedupeKey: job.dedupeKey ?? null,
      })),
    )
    .onConflictDoNothing();
}

// The types already refuse a wrong pair; this catches one made at run time (a cast, plain JS).
function checkedPayload(job: JobRequest): Record<string, string> {
  if (!isJobKind(job.kind)) throw new InvalidJob("unknown job kind", job.kind);
  const payload = jobPayloads[job.kind].safeParse(job.payload);
  if (!payload.success) throw new InvalidJob("invalid payload for job kind", job.kind);
  return payload.data;
}

/** A job as read back: its kind and payload are checked against ./kinds.ts before it runs. */
export interface ClaimedJob {
  id: number;
  kind: string;
  payload: unknown;
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
