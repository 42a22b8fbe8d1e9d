"use server";
// Form posts of /me: the profile, the time zone, the phone number and its text messages, the
// calendar feed, ending every session, deleting the account. Plain server actions: they work
// without JavaScript.
import { redirect } from "next/navigation";
import type { Locale, Skill, SmsChoice } from "@/db/schema";
import { attempt } from "../_forms/attempt";
import type { FormState } from "../_forms/state";

export async function updateProfileForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) =>
    api.me.updateProfile({
      name: String(formData.get("name") ?? ""),
      preferredLanguage: formData.get("preferredLanguage") as Locale,
      languagesSpoken: String(formData.get("languagesSpoken") ?? "")
        .split(/[,\s]+/)
        .filter(Boolean),
      skills: formData.getAll("skills").map(String) as Skill[],
      phone: String(formData.get("phone") ?? ""),
    }),
  );
}

export async function timeZoneForm(_: FormState, formData: FormData): Promise<FormState> {
  // "" is "my device's zone" (null).
  const chosen = String(formData.get("timeZone") ?? "");
  return attempt(formData, (api) =>
    // A value off the list is refused by the procedure's schema, in the reader's language.
    api.me.setTimeZone({ timeZone: (chosen === "" ? null : chosen) as "America/Tijuana" | null }),
  );
}

export async function requestPhoneCodeForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) => api.sms.requestCode({ number: String(formData.get("number") ?? "") }));
}

export async function confirmPhoneCodeForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) =>
    api.sms.confirmCode({ code: String(formData.get("code") ?? "").replace(/\s/g, "") }),
  );
}

export async function smsChoiceForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) =>
    api.sms.setChoice({ smsMessages: String(formData.get("smsMessages") ?? "") as SmsChoice }),
  );
}

export async function removePhoneForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) => api.sms.removePhone());
}

/** Every session of the person ends, this one too: they land on the public home page. */
export async function signOutEverywhereForm(_: FormState, formData: FormData): Promise<FormState> {
  const state = await attempt(formData, (api) => api.me.signOutEverywhere(), { confirm: true });
  if (state.ok) redirect("/");
  return state;
}

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
