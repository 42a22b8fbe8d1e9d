"use server";
// Form posts of /me's text-message section: asking for a code, entering it, the channel choice,
// removing the number. Plain server actions: they work without JavaScript.
import type { SmsChoice } from "@/db/schema";
import { attempt } from "../_forms/attempt";
import type { FormState } from "../_forms/state";

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
