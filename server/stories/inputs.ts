// Inputs of the stories domain, shared by forms and procedures.
import { z } from "zod";
import { ageRanges, countries } from "@/db/schema";
import { freeText } from "../text";
import { withdrawalKey } from "./withdrawal-code";

export const STORY_MAX_LENGTH = 8000;
export const STORIES_PAGE_SIZE = 20;

const text = freeText;
/** An optional field a form sends as "" when left empty. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

export const storyTexts = {
  textEs: text(STORY_MAX_LENGTH).default(""),
  textEn: text(STORY_MAX_LENGTH).default(""),
};

export const submitStoryInput = z.object({
  /** Never a full name: the form asks for a name to sign with, and says so. */
  pseudonym: text(60).min(2),
  country: z.enum(countries),
  ageRange: optional(z.enum(ageRanges)),
  caravanName: optional(text(100)),
  ...storyTexts,
  /** The teller ticked the consent box, having read its wording in their language. */
  consent: z.boolean(),
  /** Only to email the withdrawal link; never stored. */
  email: optional(z.email().trim().toLowerCase().max(254)),
});
export type SubmitStoryInput = z.input<typeof submitStoryInput>;

export const listStoriesInput = z
  .object({
    limit: z.number().int().min(1).max(STORIES_PAGE_SIZE).default(STORIES_PAGE_SIZE),
    /** Keyset cursor: the last story of the previous page. */
    after: z.object({ publishedAt: z.date(), id: z.uuid() }).optional(),
  })
  .default({ limit: STORIES_PAGE_SIZE });

export const storyIdInput = z.object({ storyId: z.uuid() });

/** A withdrawal code as the teller typed it, or the token of an earlier story's link. */
const withdrawToken = z
  .string()
  .max(64)
  .transform((typed, ctx) => {
    const key = withdrawalKey(typed);
    if (key) return key;
    ctx.addIssue({ code: "custom", params: { key: "withdrawalCode" } });
    return z.NEVER;
  });
export const withdrawTokenInput = z.object({ token: withdrawToken });

/** What a reviewer may change before publishing: identifying details out, a translation in. */
export const reviewStoryInput = z.object({
  storyId: z.uuid(),
  pseudonym: text(60).min(2),
  caravanName: text(100).default(""),
  ...storyTexts,
});
export type ReviewStoryInput = z.input<typeof reviewStoryInput>;
