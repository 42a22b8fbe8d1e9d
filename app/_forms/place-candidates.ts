// After a form's place was refused ("we don't know that place"), the towns the typed name may
// mean, so the place picker can list them to choose from, with or without JavaScript.
import "server-only";
import { serverApi } from "../_trpc/server";
import type { FormState } from "./state";

export async function withPlaceCandidates(state: FormState, formData: FormData): Promise<FormState> {
  if (!state.fieldErrors?.placeName) return state;
  const typed = String(formData.get("placeName") ?? "")
    .split(",")[0]!
    .trim();
  if (typed.length < 2 || typed.length > 60) return state;
  const found = await (await serverApi()).places.search({ query: typed, limit: 6 });
  return { ...state, places: found.map((p) => ({ id: p.id, label: p.label })) };
}
