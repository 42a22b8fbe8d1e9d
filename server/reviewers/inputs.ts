// Inputs of the reviewers' page: zod schemas, shared with the forms.
import { z } from "zod";
import { freeText, userId } from "../text";

/** An admin grants (`reviewer: true`) or withdraws the story reviewer role. */
export const setReviewerInput = z.object({ userId, reviewer: z.boolean() });

/** A whole email address (matched exactly), or part of a display name. */
export const findPeopleInput = z.object({ query: freeText(200).min(2) });
