import { z } from "zod";
import { userId } from "../text";

export const AUDIT_PAGE_SIZE = 50;
export const auditKinds = [
  "auth",
  "admin",
  "group",
  "membership",
  "invitation",
  "action",
  "calendar",
  "story",
  "account",
  "meeting_point",
  "decision",
  "retention",
  "caravan",
  "pledge",
] as const;

export const auditQueryInput = z.object({
  actorId: userId.optional(),
  groupId: z.uuid().optional(),
  kind: z.enum(auditKinds).optional(),
  /** Keyset cursor: the oldest event of the previous page. */
  before: z.object({ at: z.date(), id: z.uuid() }).optional(),
});
