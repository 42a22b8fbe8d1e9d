// Inputs of the groups domain, shared by forms and procedures.
import { z } from "zod";
import { countries, groupKinds, membershipRoles } from "@/db/schema";
import { freeText, userId } from "../text";

export const DIRECTORY_PAGE_SIZE = 24;

export const directoryInput = z.object({
  query: freeText(100).optional(),
  kind: z.enum(groupKinds).optional(),
  country: z.enum(countries).optional(),
  /** Keyset cursor: the last group of the previous page. */
  after: z.object({ name: freeText(200), id: z.uuid() }).optional(),
});
export type DirectoryInput = z.input<typeof directoryInput>;

export const slugInput = z.object({
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .min(1)
    .max(80)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
});

const text = freeText;

export const groupDetailsInput = z.object({
  name: text(100).min(3),
  kind: z.enum(groupKinds),
  country: z.enum(countries),
  city: text(80).min(1),
  region: text(80).min(1),
  descriptionEs: text(2000),
  descriptionEn: text(2000),
  contact: text(200),
});
export type GroupDetailsInput = z.input<typeof groupDetailsInput>;

const memberTarget = z.object({ groupId: z.uuid(), userId });

export const decideRequestInput = memberTarget.extend({ approve: z.boolean() });
export const changeRoleInput = memberTarget.extend({ role: z.enum(membershipRoles) });
export const removeMemberInput = memberTarget;

export const inviteInput = z.object({
  groupId: z.uuid(),
  email: z.email().trim().toLowerCase().max(254),
  role: z.enum(membershipRoles).default("member"),
});

const invitationToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
export const invitationTokenInput = z.object({ token: invitationToken });
export const answerInvitationInput = z.union([
  z.object({ token: invitationToken, accept: z.boolean() }),
  z.object({ id: z.uuid(), accept: z.boolean() }),
]);

export const vettingInput = z.object({ groupId: z.uuid(), note: text(1000) });
export const rejectInput = z.object({ groupId: z.uuid(), note: text(1000).min(1) });
