// Runs due jobs. Each app server runs one worker loop (started from instrumentation.ts); tests
// call `runDueJobs` directly. Which handler runs which kind is listed in ./definitions.ts.
import type { Database } from "@/db/client";
import { failureFields, log } from "../log";
import { runJob } from "./definitions";
import { claimJobs, completeJob, failJob, JOB_CONCURRENCY, MAX_ATTEMPTS, type ClaimedJob } from "./queue";

async function run(db: Database, job: ClaimedJob): Promise<boolean> {
  try {
    await runJob(db, job.kind, job.payload, { attempt: job.attempts, last: job.attempts >= MAX_ATTEMPTS });
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
