"use server";
// The form post of /me's time-zone setting: "" is "my device's zone" (null).
import { attempt } from "../_forms/attempt";
import type { FormState } from "../_forms/state";

export async function timeZoneForm(_: FormState, formData: FormData): Promise<FormState> {
  const chosen = String(formData.get("timeZone") ?? "");
  return attempt(formData, (api) =>
    // A value off the list is refused by the procedure's schema, in the reader's language.
    api.me.setTimeZone({ timeZone: (chosen === "" ? null : chosen) as "America/Tijuana" | null }),
  );
}
