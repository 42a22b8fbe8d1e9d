// Inputs of the messages domain, shared by the API and the compose form. An audience is a list of
// parts (a discriminated union on `kind`): groups, an action's or a shift's volunteers, a caravan's delegates.
import { z } from "zod";
import { membershipRoles } from "@/db/schema";
import { freeText, userId } from "../text";

export const MAX_BODY = 10_000;
export const INBOX_PAGE_SIZE = 30;

const volunteerStatuses = ["confirmed", "waitlisted"] as const;

export const audiencePart = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("group"),
    groupId: z.uuid(),
    roles: z.array(z.enum(membershipRoles)).min(1).max(membershipRoles.length),
  }),
  z.object({
    kind: z.literal("action"),
    actionId: z.uuid(),
    statuses: z.array(z.enum(volunteerStatuses)).min(1).max(2),
  }),
  z.object({
    kind: z.literal("shift"),
    shiftId: z.uuid(),
    statuses: z.array(z.enum(volunteerStatuses)).min(1).max(2),
  }),
  z.object({ kind: z.literal("caravanDelegates"), caravanId: z.uuid() }),
  // A caravan's delegate speaks for it: to the coordinators of every verified group (the caravan
  // line), or to one verified group's coordinators.
  z.object({ kind: z.literal("caravanLine"), caravanId: z.uuid() }),
  z.object({ kind: z.literal("groupCoordinators"), caravanId: z.uuid(), groupId: z.uuid() }),
]);
export type AudiencePartInput = z.infer<typeof audiencePart>;

export const audienceInput = z.object({ audience: z.array(audiencePart).min(1).max(20) });

const line = (max: number) => freeText(max).default("");
const body = freeText(MAX_BODY).default("");

/** A subject and body in Spanish, English or both: at least one language complete. */
export const sendInput = audienceInput
  .extend({
    subjectEs: line(200),
    subjectEn: line(200),
    bodyEs: body,
    bodyEn: body,
    urgent: z.boolean().default(false),
  })
  .superRefine((m, ctx) => {
    const es = m.subjectEs && m.bodyEs;
    const en = m.subjectEn && m.bodyEn;
    if (!es && !en) {
      ctx.addIssue({
        code: "custom",
        path: [m.subjectEs || m.subjectEn ? "bodyEs" : "subjectEs"],
        params: { key: "messageNeedsText" },
      });
    }
    // Half a language (a subject without a body, or the reverse) is a mistake, not a choice.
    if (Boolean(m.subjectEs) !== Boolean(m.bodyEs)) {
      ctx.addIssue({
        code: "custom",
        path: [m.subjectEs ? "bodyEs" : "subjectEs"],
        params: { key: "messageNeedsText" },
      });
    }
    if (Boolean(m.subjectEn) !== Boolean(m.bodyEn)) {
      ctx.addIssue({
        code: "custom",
        path: [m.subjectEn ? "bodyEn" : "subjectEn"],
        params: { key: "messageNeedsText" },
      });
    }
  });
export type SendInput = z.input<typeof sendInput>;

export const messageIdInput = z.object({ messageId: z.uuid() });

export const inboxInput = z
  .object({ before: z.object({ createdAt: z.date(), id: z.uuid() }).optional() })
  .default({});

export const threadInput = messageIdInput.extend({
  /** For the sender's side: whose thread the answer goes to. A recipient leaves it out. */
  threadUserId: userId.optional(),
});

export const replyInput = threadInput.extend({ body: freeText(MAX_BODY).min(1) });

export const preferencesInput = z.object({ emailMessages: z.boolean() });
