// Past actions become `done`: a periodic job from the durable queue moves every scheduled action
// whose end has passed, so the lists of upcoming actions (and their index) hold what is to come,
// not an ever-growing history. A `done` action keeps its page, its shifts and its signups.
import { and, eq, lte, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { actions } from "@/db/schema";
import { defineJob, type JobKind } from "../jobs/kinds";
import { enqueue, type JobRequest } from "../jobs/queue";

export const FINISH_JOB = "action.finishPast" satisfies JobKind;
/** How often past actions are moved: every reader already hides an ended action by its end time. */
export const FINISH_EVERY_MS = 15 * 60_000;

/**
 * Marks every scheduled action that has ended as `done`; returns how many. Safe to run twice and
 * from several app servers at once: a row already moved no longer matches, and an edit that moves
 * an action's end into the future (it holds the row) is seen before the row is changed.
 */
export async function finishPastActions(db: Database, now = new Date()): Promise<number> {
  const finished = await db
    .update(actions)
    .set({ status: "done" })
    .where(and(eq(actions.status, "scheduled"), lte(actions.endsAt, now)))
    .returning({ id: actions.id });
  return finished.length;
}

const slotOf = (at: Date) => new Date(Math.floor(at.getTime() / FINISH_EVERY_MS) * FINISH_EVERY_MS);
const finishRequest = (runAt: Date): JobRequest => ({
  kind: FINISH_JOB,
  payload: {},
  runAt,
  // One job per slot, whichever app server asks first.
  dedupeKey: `${FINISH_JOB}:${slotOf(runAt).toISOString()}`,
});

/** Makes sure this slot's run is queued (at an app server's start). */
export async function scheduleActionFinishing(db: Database, now = new Date()) {
  await enqueue(db, finishRequest(now));
}

/** Moves what has ended, then queues the next slot's run. */
export const finishPastActionsJob = defineJob(FINISH_JOB, async (db) => {
  await finishPastActions(db, new Date());
  const next = new Date(slotOf(new Date()).getTime() + FINISH_EVERY_MS);
  await enqueue(db, finishRequest(next));
});

/** Puts an action that an edit moved back into the future among the scheduled ones again. */
export const reopenedIfFuture = (endsAt: Date) =>
  sql`case when ${actions.status} = 'done' and ${endsAt.toISOString()}::timestamptz > now() then 'scheduled'::action_status else ${actions.status} end`;
