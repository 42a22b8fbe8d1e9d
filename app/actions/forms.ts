"use server";
// Form posts of the actions pages. Each calls one procedure; the procedure decides who may.
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn } from "@/server/auth";
import { signUpByEmailInput, type ActionDetailsInput, type ShiftDetailsInput } from "@/server/actions/inputs";
import { attempt, textFields } from "../_forms/attempt";
import type { FormState } from "../_forms/state";

const field = (formData: FormData, name: string) => String(formData.get(name) ?? "");

function actionDetails(formData: FormData): ActionDetailsInput {
  const values = textFields(formData);
  return {
    ...values,
    languages: formData.getAll("languages").map(String),
  } as unknown as ActionDetailsInput;
}

function shiftDetails(formData: FormData): ShiftDetailsInput {
  const values = textFields(formData);
  return {
    ...values,
    wantedSkills: formData.getAll("wantedSkills").map(String),
  } as unknown as ShiftDetailsInput;
}

export async function createActionForm(_: FormState, formData: FormData): Promise<FormState> {
  let id = "";
  const state = await attempt(formData, async (api) => {
    // The first shift is optional: left blank, the action is created without one.
    const role = field(formData, "role").trim();
    const capacity = field(formData, "capacity").trim();
    id = (
      await api.actions.create({
        groupId: field(formData, "groupId"),
        details: actionDetails(formData),
        firstShift: role || capacity ? { role, capacity } : undefined,
      })
    ).id;
  });
  if (state.ok) redirect(`/actions/${id}/manage?created=1`);
  return state;
}

export async function updateActionForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) =>
    api.actions.update({ actionId: field(formData, "actionId"), details: actionDetails(formData) }),
  );
}

export async function cancelActionForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) => api.actions.cancel({ actionId: field(formData, "actionId") }), {
    confirm: true,
  });
}

export async function addShiftForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) =>
    api.actions.addShift({ actionId: field(formData, "actionId"), ...shiftDetails(formData) }),
  );
}

export async function updateShiftForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) =>
    api.actions.updateShift({ shiftId: field(formData, "shiftId"), ...shiftDetails(formData) }),
  );
}

export async function signUpForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) =>
    api.actions.signUp({
      shiftId: field(formData, "shiftId"),
      shareContact: formData.get("shareContact") === "on",
    }),
  );
}

export async function cancelSignupForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) => api.actions.cancelSignup({ signupId: field(formData, "signupId") }), {
    confirm: true,
  });
}

export async function checkInForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) =>
    api.actions.checkIn({
      signupId: field(formData, "signupId"),
      attended: field(formData, "attended") === "yes",
    }),
  );
}

/**
 * A person without an account: their name and email are kept for a day, and the place is taken
 * when they follow the sign-in link we email them.
 */
export async function signUpByEmailForm(_: FormState, formData: FormData): Promise<FormState> {
  const request = {
    shiftId: field(formData, "shiftId"),
    name: field(formData, "name"),
    email: field(formData, "email"),
  };
  const state = await attempt(formData, (api) => api.actions.signUpByEmail(request));
  if (!state.ok) return state;
  const actionId = z.uuid().safeParse(field(formData, "actionId"));
  await signIn("email", {
    // The address as the procedure kept it (in lower case): the one the link must prove.
    email: signUpByEmailInput.shape.email.parse(request.email),
    redirectTo: actionId.success ? `/actions/${actionId.data}?joined=1` : "/me",
    redirect: false,
  });
  redirect(
    actionId.success
      ? `/actions/${actionId.data}/sent?shift=${encodeURIComponent(request.shiftId)}`
      : "/signin/sent",
  );
}
