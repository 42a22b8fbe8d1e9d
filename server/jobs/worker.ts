// Runs due jobs. Each app server runs one worker loop (started from instrumentation.ts); tests
// call `runDueJobs` directly. Handlers are registered by kind, one per domain need.
import type { Database } from "@/db/client";
import { log } from "../log";
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
      error: error instanceof Error ? error.message.slice(0, 300) : String(error),
    });
    await failJob(db, job, error);
    return false;
  }
}

/** Runs every job due now, in batches, until none is left. Returns how many succeeded. */
export async function runDueJobs(db: Database): Promise<number> {
  let done = 0;
  for (;;) {
    const batch = await claimJobs(db, 10);
    if (batch.length === 0) return done;
    for (const job of batch) if (await run(db, job)) done++;
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
      log.warn("job worker poll failed", { error: error instanceof Error ? error.message : String(error) });
    }
    if (!stopped) timer = setTimeout(tick, everyMs);
  };
  timer = setTimeout(tick, 1_000);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
