"use server";
// /verify's server action: a forwarded text checked by the server, for a phone without
// JavaScript, and for the genuine text beside a changed one when the phone is online.
import type { CheckResult } from "@/server/signing/statement";
import { attempt } from "../_forms/attempt";

export interface CheckState {
  text: string;
  result?: CheckResult;
  error?: string;
  /** Bumped on every answer, so the result is announced again. */
  version: number;
}

export async function checkForwardedForm(previous: CheckState, formData: FormData): Promise<CheckState> {
  const text = String(formData.get("text") ?? "");
  const version = previous.version + 1;
  let result: CheckResult | undefined;
  const state = await attempt(formData, async (api) => {
    result = await api.signing.check({ text });
  });
  return state.ok ? { text, result, version } : { text, error: state.message, version };
}
