// Inputs of the groups domain, shared by forms and procedures.
import { z } from "zod";
import { countries, groupKinds } from "@/db/schema";

export const DIRECTORY_PAGE_SIZE = 24;

export const directoryInput = z.object({
  query: z.string().trim().max(100).optional(),
  kind: z.enum(groupKinds).optional(),
  country: z.enum(countries).optional(),
  /** Keyset cursor: the last group of the previous page. */
  after: z.object({ name: z.string().max(200), id: z.uuid() }).optional(),
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
