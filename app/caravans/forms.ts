"use server";
// Form posts of the caravans pages. Each calls one procedure; the procedure decides who
// may, and validates what was sent.
import { redirect } from "next/navigation";
import { needKinds } from "@/db/schema";
import type { CaravanDetailsInput, ReportInput } from "@/server/caravans/inputs";
import { attempt, textFields } from "../_forms/attempt";
import { withPlaceCandidates } from "../_forms/place-candidates";
import type { FormState } from "../_forms/state";

const field = (formData: FormData, name: string) => String(formData.get(name) ?? "");

export async function createCaravanForm(_: FormState, formData: FormData): Promise<FormState> {
  let id = "";
  const state = await attempt(formData, async (api) => {
    const details = textFields(formData) as unknown as CaravanDetailsInput;
    id = (await api.caravans.create({ details })).id;
  });
  if (state.ok) redirect(`/caravans/${id}`);
  return state;
}

export async function updateCaravanForm(_: FormState, formData: FormData): Promise<FormState> {
  const { caravanId = "", ...details } = textFields(formData);
  const state = await attempt(formData, (api) =>
    api.caravans.update({ caravanId, details: details as unknown as CaravanDetailsInput }),
  );
  if (state.ok) redirect(`/caravans/${caravanId}`);
  return state;
}

/**
 * A report from the form: one quantity and one note field per kind of need ("need-water",
 * "note-water"); a kind with both left empty is not needed. Also posted by the short form on a
 * delegate's home (app/home/caravan-panel.tsx), which carries the latest needs over.
 */
export async function reportForm(_: FormState, formData: FormData): Promise<FormState> {
  const values = textFields(formData);
  const needs = needKinds
    .filter((kind) => field(formData, `need-${kind}`).trim() || field(formData, `note-${kind}`).trim())
    .map((kind) => ({
      kind,
      quantity: field(formData, `need-${kind}`).trim(),
      note: field(formData, `note-${kind}`),
    }));
  // `from`: the form on a delegate's home sends them back there.
  const input = Object.fromEntries(
    Object.entries(values).filter(
      ([key]) => !key.startsWith("need-") && !key.startsWith("note-") && key !== "from",
    ),
  );
  const state = await attempt(formData, (api) =>
    api.caravans.report({ ...input, needs } as unknown as ReportInput),
  );
  if (state.ok) redirect(values.from === "home" ? "/home" : `/caravans/${values.caravanId}`);
  // The server names a need by its place in the list; the form, by its kind.
  for (const [key, messages] of Object.entries(state.fieldErrors ?? {})) {
    const match = /^needs\.(\d+)\.(\w+)$/.exec(key);
    const kind = match && needs[Number(match[1])]?.kind;
    if (kind) state.fieldErrors![`${match[2] === "note" ? "note" : "need"}-${kind}`] = messages;
  }
  return withPlaceCandidates(state, formData);
}

export async function confirmReportForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) => api.caravans.confirm({ reportId: field(formData, "reportId") }));
}

/** One field names the delegate: the email they sign in with, or the phone number (they may have only a phone). */
export async function addDelegateForm(_: FormState, formData: FormData): Promise<FormState> {
  const caravanId = field(formData, "caravanId");
  const contact = field(formData, "contact").trim();
  const state = await attempt(formData, (api) =>
    api.caravans.addDelegate(
      contact.includes("@") ? { caravanId, email: contact } : { caravanId, phone: contact },
    ),
  );
  const { email, phone, ...others } = state.fieldErrors ?? {};
  const refused = email ?? phone;
  return refused ? { ...state, fieldErrors: { ...others, contact: refused } } : state;
}

export async function removeDelegateForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) =>
    api.caravans.removeDelegate({
      caravanId: field(formData, "caravanId"),
      userId: field(formData, "userId"),
    }),
  );
}
