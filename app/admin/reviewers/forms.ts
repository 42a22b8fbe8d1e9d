"use server";
// Form posts of the reviewers' page: an admin grants or withdraws the story reviewer role, asked
// "are you sure?" first. The procedure decides who may (admins) and audits the change.
import { attempt } from "../../_forms/attempt";
import type { FormState } from "../../_forms/state";

export async function setReviewerForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(
    formData,
    (api) =>
      api.reviewers.set({
        userId: String(formData.get("userId") ?? ""),
        reviewer: formData.get("reviewer") === "true",
      }),
    { confirm: true },
  );
}
