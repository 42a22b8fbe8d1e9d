// The server half of Puente's forms: a server action runs a tRPC procedure through the server
// caller and turns a refusal into a FormState the form shows, in the reader's language.
import "server-only";
import { TRPCError } from "@trpc/server";
import { revalidatePath } from "next/cache";
import { explainError } from "@/server/errors";
import { requestLocale } from "@/server/i18n/request";
import { serverApi } from "../_trpc/server";
import type { FormState } from "./state";

type Api = Awaited<ReturnType<typeof serverApi>>;

/** The text fields of a form, for procedures' inputs and for refilling the form after an error. */
export function textFields(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !key.startsWith("$")) values[key] = value;
  }
  return values;
}

/**
 * Procedures nest a form's fields ("details.title", "details.safetyChecklist.shelterKm"); a form's
 * inputs are named by the last part that is not a list index, which is unique within one form.
 */
function byFieldName(fieldErrors: Record<string, string[]> | undefined) {
  if (!fieldErrors) return undefined;
  const named: Record<string, string[]> = {};
  for (const [path, messages] of Object.entries(fieldErrors)) {
    const name = path.split(".").findLast((part) => !/^\d+$/.test(part)) ?? path;
    named[name] ??= messages;
  }
  return named;
}

/**
 * Runs `work` with the API as the current reader. Success refreshes every page's data; a refusal
 * becomes the form's state. `confirm: true` makes the form ask "are you sure?" first, with or
 * without JavaScript: the first post only returns the question.
 */
export async function attempt(
  formData: FormData,
  work: (api: Api) => Promise<unknown>,
  options: { confirm?: boolean } = {},
): Promise<FormState> {
  const values = textFields(formData);
  const version = Number(values.version ?? 0) + 1;
  if (options.confirm && values.confirmed !== "yes") return { confirm: true, values, version };
  try {
    await work(await serverApi());
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error; // includes Next's redirects
    const { message, fieldErrors } = explainError(error, await requestLocale());
    return { message, fieldErrors: byFieldName(fieldErrors), values, version, ok: false };
  }
  revalidatePath("/", "layout");
  return { ok: true, version };
}
