"use server";
// Form posts of the decisions pages. Each calls one procedure; the procedure
// decides who may, and validates what was sent.
import { redirect } from "next/navigation";
import type { OpenDecisionInput, PublishDecisionInput } from "@/server/decisions/inputs";
import { attempt, textFields } from "../_forms/attempt";
import { listFields } from "../_forms/lists";
import type { FormState } from "../_forms/state";

const field = (formData: FormData, name: string) => String(formData.get(name) ?? "");

/**
 * Opens a decision: its options and the coordinators named to run it with the opener are ticked
 * checkboxes; the caravans' ratification window is in hours. A refusal gives the form back as sent.
 */
export async function openDecisionForm(_: FormState, formData: FormData): Promise<FormState> {
  let id = "";
  const state = await attempt(formData, async (api) => {
    const input = {
      ...textFields(formData),
      meetingPointIds: formData.getAll("meetingPointIds").map(String),
      coordinatorIds: formData.getAll("coordinatorIds").map(String),
    };
    id = (await api.decisions.open(input as unknown as OpenDecisionInput)).id;
  });
  if (state.ok) redirect(`/decisions/${id}`);
  return { ...state, values: listFields(formData, ["meetingPointIds", "coordinatorIds"]) };
}

/**
 * A ballot from the form: for ranked choice, one select per rank ("rank1", "rank2", …) naming an
 * option, blanks skipped; for approval, the ticked options. Repeats go to the server, which refuses them.
 */
export async function voteForm(_: FormState, formData: FormData): Promise<FormState> {
  const ranks = [...formData.keys()]
    .filter((key) => /^rank\d+$/.test(key))
    .sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
  const choices =
    field(formData, "method") === "approval"
      ? formData.getAll("approved").map(String)
      : ranks.map((key) => field(formData, key)).filter(Boolean);
  return attempt(formData, (api) =>
    api.decisions.vote({
      decisionId: field(formData, "decisionId"),
      // A group's ballot names the group; a delegate's, the caravan.
      groupId: field(formData, "groupId") || undefined,
      caravanId: field(formData, "caravanId") || undefined,
      choices,
    }),
  );
}

/** "group:ID" or "caravan:ID", as the objection form names who the voter speaks for. */
function voterOf(value: string): { groupId?: string; caravanId?: string } {
  const [kind, id = ""] = value.split(":");
  return kind === "caravan" ? { caravanId: id } : { groupId: id };
}

export async function raiseObjectionForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) =>
    api.decisions.raiseObjection({
      decisionId: field(formData, "decisionId"),
      ...voterOf(field(formData, "voter")),
      meetingPointId: field(formData, "meetingPointId"),
      reason: field(formData, "reason"),
    }),
  );
}

export async function resolveObjectionForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) =>
    api.decisions.resolveObjection({
      objectionId: field(formData, "objectionId"),
      resolution: field(formData, "resolution"),
    }),
  );
}

/** When the result becomes public: now, at a date and time, or never. */
export async function publishForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) =>
    api.decisions.publish(textFields(formData) as unknown as PublishDecisionInput),
  );
}

export async function withdrawObjectionForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) =>
    api.decisions.withdrawObjection({
      objectionId: field(formData, "objectionId"),
      caravanId: field(formData, "caravanId"),
      resolution: field(formData, "resolution"),
    }),
  );
}

/** A delegate's answer for their caravan: the button pressed says yes or no. */
export async function ratifyForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) =>
    api.decisions.ratify({
      decisionId: field(formData, "decisionId"),
      caravanId: field(formData, "caravanId"),
      answer: field(formData, "answer") === "yes",
    }),
  );
}

/** More time for the caravans, asked first ("are you sure?"): the hours are sent as typed, checked by the procedure. */
export async function extendRatificationForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(
    formData,
    (api) =>
      api.decisions.extendRatification({
        decisionId: field(formData, "decisionId"),
        hours: field(formData, "hours") as unknown as number,
      }),
    { confirm: true },
  );
}

/** Emails every delegate whose caravan has not answered, asked first (each reminder is an email to them). */
export async function remindCaravansForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(
    formData,
    (api) => api.decisions.remindCaravans({ decisionId: field(formData, "decisionId") }),
    { confirm: true },
  );
}
