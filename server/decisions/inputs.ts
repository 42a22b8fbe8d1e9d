// Inputs of the decisions: zod schemas, shared with the forms.
import { z } from "zod";
import { decisionMethods } from "@/db/schema";
import { timeZones, toInstant } from "../actions/inputs";
import { freeText, userId } from "../text";

const text = freeText;
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const decisionIdInput = z.object({ decisionId: z.uuid() });

export const openDecisionInput = z
  .object({
    question: text(300).min(5),
    method: z.enum(decisionMethods),
    meetingPointIds: z.array(z.uuid()).min(2).max(12),
    timeZone: z.enum(timeZones),
    /** Empty: opens at once. */
    opensDate: date.or(z.literal("")).default(""),
    opensTime: time.or(z.literal("")).default(""),
    closesDate: date,
    closesTime: time,
    quorum: z.coerce.number().int().min(1).max(1000),
    /** Coordinators of verified groups who run it with the opener. */
    coordinatorIds: z.array(userId).max(20).default([]),
    /** How long the caravans have to ratify the winner. */
    ratifyHours: z.coerce.number().int().min(1).max(336).default(48),
  })
  .transform(({ opensDate, opensTime, closesDate, closesTime, ...rest }, ctx) => {
    const opensAt = opensDate && opensTime ? toInstant(opensDate, opensTime, rest.timeZone) : new Date();
    const closesAt = toInstant(closesDate, closesTime, rest.timeZone);
    if (Number.isNaN(opensAt.getTime()) || Number.isNaN(closesAt.getTime())) {
      ctx.addIssue({ code: "custom", path: ["closesDate"], message: "invalid date" });
      return z.NEVER;
    }
    if (closesAt <= opensAt || closesAt.getTime() <= Date.now()) {
      ctx.addIssue({ code: "custom", path: ["closesTime"], params: { key: "endsBeforeStart" } });
      return z.NEVER;
    }
    return { ...rest, meetingPointIds: [...new Set(rest.meetingPointIds)], opensAt, closesAt };
  });
export type OpenDecisionInput = z.input<typeof openDecisionInput>;

/** Whom a ballot or an objection speaks for: a group or a caravan, one of the two. */
export const voterInput = z
  .object({ groupId: z.uuid().optional(), caravanId: z.uuid().optional() })
  .refine((voter) => Boolean(voter.groupId) !== Boolean(voter.caravanId), { path: ["groupId"] });

/**
 * A ballot: meeting point ids, first choice first (approval: the approved ones, any order), cast
 * for a group (`groupId`) or, by one of its delegates, for a caravan (`caravanId`): one of the two.
 */
export const voteInput = decisionIdInput
  .extend({
    groupId: z.uuid().optional(),
    caravanId: z.uuid().optional(),
    choices: z.array(z.uuid()).min(1).max(12),
  })
  .refine((ballot) => Boolean(ballot.groupId) !== Boolean(ballot.caravanId), { path: ["groupId"] });
/** A safety objection to one option, raised for one of the voter's groups or caravans (one of the two). */
export const raiseObjectionInput = decisionIdInput
  .extend({
    meetingPointId: z.uuid(),
    groupId: z.uuid().optional(),
    caravanId: z.uuid().optional(),
    reason: text(2000).min(10),
  })
  .refine((voter) => Boolean(voter.groupId) !== Boolean(voter.caravanId), { path: ["groupId"] });

/** A coordinator's written resolution of an objection. */
export const objectionIdInput = z.object({ objectionId: z.uuid() });

export const resolveObjectionInput = objectionIdInput.extend({
  resolution: text(2000).min(10),
});

/**
 * When a decision's result becomes public: `now`, `at` a time (a date and time in `timeZone`), or
 * `never` (the people deciding only).
 */
export const publishDecisionInput = decisionIdInput
  .extend({
    when: z.enum(["now", "at", "never"]),
    timeZone: z.enum(timeZones).default("America/Tijuana"),
    date: date.or(z.literal("")).default(""),
    time: time.or(z.literal("")).default(""),
  })
  .transform(({ decisionId, when, timeZone, date, time }, ctx) => {
    if (when !== "at") return { decisionId, when, publishesAt: null };
    const publishesAt = date && time ? toInstant(date, time, timeZone) : new Date(Number.NaN);
    if (Number.isNaN(publishesAt.getTime())) {
      ctx.addIssue({ code: "custom", path: ["date"], message: "invalid date" });
      return z.NEVER;
    }
    return { decisionId, when, publishesAt };
  });
export type PublishDecisionInput = z.input<typeof publishDecisionInput>;
/** A caravan's delegate withdraws that caravan's objection, in writing. */
export const withdrawObjectionInput = z.object({
  objectionId: z.uuid(),
  caravanId: z.uuid(),
  resolution: text(2000).min(10),
});

/** A caravan's answer, by one of its delegates, to the winner put to the caravans. */
export const ratifyInput = decisionIdInput.extend({ caravanId: z.uuid(), answer: z.boolean() });

/** More time for the caravans to answer, by a decision coordinator. */
export const extendRatificationInput = decisionIdInput.extend({
  hours: z.coerce.number().int().min(1).max(336),
});
