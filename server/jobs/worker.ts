// Runs due jobs. Each app server runs one worker loop (started from instrumentation.ts); tests
// call `runDueJobs` directly. Handlers are registered by kind, one per domain need.
import { env, type Database } from "@/db/client";
import { failureFields, log } from "../log";
import { claimJobs, completeJob, failJob, MAX_ATTEMPTS, type ClaimedJob } from "./queue";

/** Which try this is: a handler may record a lasting failure when no try is left. */
export interface JobAttempt {
  attempt: number;
  last: boolean;
}

export type JobHandler = (
  db: Database,
  payload: Record<string, string>,
  attempt: JobAttempt,
) => Promise<void>;

const handlers = new Map<string, JobHandler>();

export function registerJobHandler(kind: string, handler: JobHandler): void {
  handlers.set(kind, handler);
}

async function run(db: Database, job: ClaimedJob): Promise<boolean> {
  const handler = handlers.get(job.kind);
  try {
    if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
    await handler(db, job.payload, { attempt: job.attempts, last: job.attempts >= MAX_ATTEMPTS });
    await completeJob(db, job.id);
    return true;
  } catch (error) {
    log.warn("job failed", {
      kind: job.kind,
      job: job.id,
      attempt: job.attempts,
      ...failureFields(error),
    });
    await failJob(db, job, error);
    return false;
  }
}

/**
 * How many jobs a worker runs at once. Most jobs are emails, and an email spends its time waiting
 * for the SMTP server (~50 ms a message here, more to a real relay), so one at a time sent a
 * 1,000-person message in minutes. Each running job holds a database connection, so this stays
 * well under the pool's size; the SMTP pool (server/email/email.ts) has as many connections.
 */
export const JOB_CONCURRENCY = Number(env("PUENTE_JOB_CONCURRENCY") ?? 5);

/** Runs every job due now, in batches, until none is left. Returns how many succeeded. */
export async function runDueJobs(db: Database, concurrency = JOB_CONCURRENCY): Promise<number> {
  let done = 0;
  for (;;) {
    const batch = await claimJobs(db, concurrency * 2);
    if (batch.length === 0) return done;
    // `concurrency` lanes take the batch's jobs in order until it is empty.
    const lanes = Array.from({ length: Math.min(concurrency, batch.length) }, async () => {
      for (let job = batch.shift(); job; job = batch.shift()) if (await run(db, job)) done++;
    });
    await Promise.all(lanes);
  }
}

/** Polls for due jobs every few seconds. A database restart only costs a few failed polls. */
export function startWorker(db: Database, everyMs = 5_000): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      await runDueJobs(db);
    } catch (error) {
      log.warn("job worker poll failed", failureFields(error));
    }
    if (!stopped) timer = setTimeout(tick, everyMs);
  };
  timer = setTimeout(tick, 1_000);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
