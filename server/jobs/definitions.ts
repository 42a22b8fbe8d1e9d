// The one list of jobs the worker runs: every kind of ./kinds.ts with its handler, defined next to
// the domain it serves. Leaving a kind out, or giving it a handler for another payload, does not compile.
import type { Database } from "@/db/client";
import { revealEmailJob, shiftReminderJob, promotionNoticeJob } from "../actions/notifications";
import { finishPastActionsJob } from "../actions/finishing";
import { revealJob } from "../actions/reveal";
import { closedNoticeJob, decisionCloseJob } from "../decisions/closing";
import { decisionPublishJob } from "../decisions/publication";
import { ratifyAskJob, ratifyWindowJob } from "../decisions/ratification";
import { deliveryEmailJob } from "../messages/email";
import { retentionSweepJob } from "../retention/retention";
import { deliverySmsJob } from "../sms/outbound";
import { reminderSmsJob } from "../sms/reminders";
import { InvalidJob, isJobKind, type JobAttempt, type JobDefinition, type JobKind } from "./kinds";

const jobDefinitions: { [K in JobKind]: JobDefinition<K> } = {
  "message.email": deliveryEmailJob,
  "message.sms": deliverySmsJob,
  "signup.reminder": shiftReminderJob,
  "signup.promoted": promotionNoticeJob,
  "signup.reminderSms": reminderSmsJob,
  "action.reveal": revealJob,
  "action.revealEmail": revealEmailJob,
  "action.finishPast": finishPastActionsJob,
  "decision.close": decisionCloseJob,
  "decision.closed": closedNoticeJob,
  "decision.publish": decisionPublishJob,
  "decision.ratify": ratifyWindowJob,
  "decision.ratifyAsk": ratifyAskJob,
  "retention.sweep": retentionSweepJob,
};

/**
 * Runs one claimed job through its kind's handler, after its stored payload passed the kind's
 * schema: a row of an unknown kind or a payload that does not fit throws and is never handled.
 */
export async function runJob(db: Database, kind: string, stored: unknown, attempt: JobAttempt) {
  if (!isJobKind(kind)) throw new InvalidJob("unknown job kind", kind);
  await runDefinition(db, jobDefinitions[kind], stored, attempt);
}

async function runDefinition<K extends JobKind>(
  db: Database,
  definition: JobDefinition<K>,
  stored: unknown,
  attempt: JobAttempt,
) {
  const payload = definition.payload.safeParse(stored);
  if (!payload.success) throw new InvalidJob("invalid payload for job kind", definition.kind);
  await definition.handler(db, payload.data as Parameters<JobDefinition<K>["handler"]>[1], attempt);
}
