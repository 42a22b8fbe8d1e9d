"use server";
// /verify's server action: a forwarded text checked by the server, for a phone without
// JavaScript, and for the genuine text beside a changed one when the phone is online.
import { TRPCError } from "@trpc/server";
import { explainError } from "@/server/errors";
import { requestLocale } from "@/server/i18n/request";
import type { CheckResult } from "@/server/signing/statement";
import { serverApi } from "../_trpc/server";

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
  try {
    const result = await (await serverApi()).signing.check({ text });
    return { text, result, version };
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const { message } = explainError(error, await requestLocale());
    return { text, error: message, version };
  }
}
