"use server";
// Form posts of the stories pages. Each calls one procedure; the procedure decides who may.
import { redirect } from "next/navigation";
import type { AgeRange, Country } from "@/db/schema";
import type { ReviewStoryInput } from "@/server/stories/inputs";
import { groupedCode } from "@/server/stories/withdrawal-code";
import { attempt, textFields } from "../_forms/attempt";
import type { FormState } from "../_forms/state";

const field = (formData: FormData, name: string) => String(formData.get(name) ?? "");

export async function submitStoryForm(_: FormState, formData: FormData): Promise<FormState> {
  const {
    pseudonym = "",
    country = "",
    ageRange = "",
    caravanName = "",
    textEs = "",
    textEn = "",
    email = "",
  } = textFields(formData);
  let data: Record<string, string> = {};
  const state = await attempt(formData, async (api) => {
    const { token, link, emailed } = await api.stories.submit({
      pseudonym,
      country: country as Country,
      ageRange: (ageRange || undefined) as AgeRange | undefined,
      caravanName,
      textEs,
      textEn,
      consent: formData.get("consent") === "yes",
      email,
    });
    data = { link, code: groupedCode(token), emailed: emailed ? "yes" : "no" };
  });
  return state.ok ? { ...state, data } : state;
}

export async function withdrawStoryForm(_: FormState, formData: FormData): Promise<FormState> {
  const state = await attempt(formData, (api) => api.stories.withdraw({ token: field(formData, "token") }));
  if (state.ok) redirect("/stories?withdrawn=1");
  return state;
}

function review(formData: FormData): ReviewStoryInput {
  const { storyId = "", pseudonym = "", caravanName = "", textEs = "", textEn = "" } = textFields(formData);
  return { storyId, pseudonym, caravanName, textEs, textEn };
}

export async function reviewStoryForm(_: FormState, formData: FormData): Promise<FormState> {
  return field(formData, "decision") === "publish"
    ? attempt(formData, (api) => api.stories.publish(review(formData)))
    : attempt(formData, (api) => api.stories.saveReview(review(formData)));
}

export async function declineStoryForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) => api.stories.decline({ storyId: field(formData, "storyId") }), {
    confirm: true,
  });
}
