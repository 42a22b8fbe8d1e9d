"use server";
// Form posts of /me that are not profile edits (those go through the tRPC client).
import { redirect } from "next/navigation";
import { attempt } from "../_forms/attempt";
import type { FormState } from "../_forms/state";

export async function createCalendarFeedForm(_: FormState, formData: FormData): Promise<FormState> {
  let url = "";
  const state = await attempt(formData, async (api) => {
    url = (await api.actions.createCalendarFeed()).url;
  });
  return state.ok ? { ...state, values: { calendarUrl: url } } : state;
}

export async function revokeCalendarFeedForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) => api.actions.revokeCalendarFeed());
}

export async function deleteAccountForm(_: FormState, formData: FormData): Promise<FormState> {
  const state = await attempt(formData, (api) => api.me.deleteAccount(), { confirm: true });
  if (state.ok) redirect("/");
  return state;
}
