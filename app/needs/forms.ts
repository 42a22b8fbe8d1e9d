"use server";
// Form posts of the needs board: pledges made, withdrawn and delivered. Each calls one procedure;
// the procedure decides who may, and validates what was sent.
import type { PledgeInput } from "@/server/needs/inputs";
import { attempt, textFields } from "../_forms/attempt";
import type { FormState } from "../_forms/state";

const field = (formData: FormData, name: string) => String(formData.get(name) ?? "");

export async function pledgeForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) => api.needs.pledge(textFields(formData) as unknown as PledgeInput));
}

export async function withdrawPledgeForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(
    formData,
    (api) =>
      api.needs.withdrawPledge({
        groupId: field(formData, "groupId"),
        pledgeId: field(formData, "pledgeId"),
      }),
    { confirm: true },
  );
}

export async function deliverPledgeForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) =>
    api.needs.deliverPledge({ groupId: field(formData, "groupId"), pledgeId: field(formData, "pledgeId") }),
  );
}
