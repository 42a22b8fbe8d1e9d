// Every kind of job and the payload it carries, as zod schemas: what `enqueue` accepts (a type
// error otherwise) and what the worker accepts back from the database before a handler sees it.
// The handlers are joined to these kinds in ./definitions.ts, which the worker imports.
import { z } from "zod";
import type { Database } from "@/db/client";
import { decisionStatuses } from "@/db/schema";

const id = z.uuid();

export const jobPayloads = {
  /** The email of one message delivery (server/messages/email.ts). */
  "message.email": z.object({ deliveryId: id }),
  /** The SMS of one message to one number (server/sms/outbound.ts). */
  "message.sms": z.object({ smsDeliveryId: id }),
  /** A volunteer's reminder a day before their shift (server/actions/notifications.ts). */
  "signup.reminder": z.object({ signupId: id }),
  /** A volunteer moved up from the waitlist (server/actions/notifications.ts). */
  "signup.promoted": z.object({ signupId: id }),
  /** The same reminder by SMS, answered SI or NO (server/sms/reminders.ts). */
  "signup.reminderSms": z.object({ signupId: id }),
  /** A members-only action's reveal time: one email job per volunteer (server/actions/reveal.ts). */
  "action.reveal": z.object({ actionId: id, revealsAt: z.iso.datetime() }),
  /** One volunteer's email with the exact place (server/actions/notifications.ts). */
  "action.revealEmail": z.object({ actionId: id, userId: id, revealsAt: z.iso.datetime() }),
  /** A decision's closing time (server/decisions/closing.ts). */
  "decision.close": z.object({ decisionId: id }),
  /** One coordinator or organizer told how a decision closed (server/decisions/closing.ts). */
  "decision.closed": z.object({ decisionId: id, userId: id, outcome: z.enum(decisionStatuses) }),
  /** A decision's result becoming public at the time its coordinators set (server/decisions/publication.ts). */
  "decision.publish": z.object({ decisionId: id, publishesAt: z.iso.datetime() }),
  /** The end of the caravans' window to ratify a decision's winner (server/decisions/ratification.ts). */
  "decision.ratify": z.object({ decisionId: id }),
  /** One caravan delegate asked (or reminded) to ratify a winner (server/decisions/ratification.ts). */
  "decision.ratifyAsk": z.object({ decisionId: id, userId: id, meetingPointId: id }),
  /** Past actions moved to `done`, every quarter hour (server/actions/finishing.ts). */
  "action.finishPast": z.object({}),
  /** The daily retention sweep (server/retention/retention.ts). */
  "retention.sweep": z.object({}),
} satisfies Record<string, z.ZodType<Record<string, string>>>;

export type JobKind = keyof typeof jobPayloads;
export type JobPayload<K extends JobKind> = z.infer<(typeof jobPayloads)[K]>;

/** Which try this is: a handler may record a lasting failure when no try is left. */
export interface JobAttempt {
  attempt: number;
  last: boolean;
}

export type JobHandler<K extends JobKind> = (
  db: Database,
  payload: JobPayload<K>,
  attempt: JobAttempt,
) => Promise<void>;

export interface JobDefinition<K extends JobKind> {
  kind: K;
  payload: (typeof jobPayloads)[K];
  handler: JobHandler<K>;
}

/** A kind joined to its handler; each domain defines its own, ./definitions.ts lists them all. */
export const defineJob = <K extends JobKind>(kind: K, handler: JobHandler<K>): JobDefinition<K> => ({
  kind,
  payload: jobPayloads[kind],
  handler,
});

export const isJobKind = (kind: string): kind is JobKind => Object.hasOwn(jobPayloads, kind);

/** A job's stored kind or payload does not fit: refused, never handed to a handler. */
export class InvalidJob extends Error {
  constructor(reason: "unknown job kind" | "invalid payload for job kind", kind: string) {
    // Never the payload: it holds ids of people's records, and this text is logged and stored.
    super(`${reason} ${kind.slice(0, 60)}`);
  }
}
