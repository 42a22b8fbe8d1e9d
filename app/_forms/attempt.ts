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
    return { ...explainError(error, await requestLocale()), values, version, ok: false };
  }
  revalidatePath("/", "layout");
  return { ok: true, version };
}
