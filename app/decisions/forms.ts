"use server";
// Form posts of the meeting points and decisions pages. Each calls one procedure; the procedure
// decides who may, and validates what was sent.
import { redirect } from "next/navigation";
import {
  safetyChecklistInput,
  type MeetingPointDetailsInput,
  type OpenDecisionInput,
} from "@/server/decisions/inputs";
import { attempt, textFields } from "../_forms/attempt";
import type { FormState } from "../_forms/state";

const field = (formData: FormData, name: string) => String(formData.get(name) ?? "");
const checklistItems: string[] = Object.keys(safetyChecklistInput.shape);

export async function proposeMeetingPointForm(_: FormState, formData: FormData): Promise<FormState> {
  const { groupId = "", ...values } = textFields(formData);
  const safetyChecklist = Object.fromEntries(
    checklistItems.map((item) => [item, values[item] ?? ""]).filter(([, value]) => value !== ""),
  );
  let id = "";
  const state = await attempt(formData, async (api) => {
    const details = {
      ...Object.fromEntries(Object.entries(values).filter(([key]) => !checklistItems.includes(key))),
      legalObservers: formData.get("legalObservers") === "on",
      safetyChecklist,
    };
    id = (
      await api.meetingPoints.propose({ groupId, details: details as unknown as MeetingPointDetailsInput })
    ).id;
  });
  if (state.ok) redirect(`/meeting-points/${id}`);
  return state;
}

export async function commentForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) =>
    api.meetingPoints.comment({
      meetingPointId: field(formData, "meetingPointId"),
      body: field(formData, "body"),
    }),
  );
}

export async function shortlistForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) =>
    api.meetingPoints.shortlist({ meetingPointId: field(formData, "meetingPointId") }),
  );
}

export async function rejectForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) =>
    api.meetingPoints.reject({
      meetingPointId: field(formData, "meetingPointId"),
      note: field(formData, "note"),
    }),
  );
}

export async function openDecisionForm(_: FormState, formData: FormData): Promise<FormState> {
  let id = "";
  const state = await attempt(formData, async (api) => {
    const input = {
      ...textFields(formData),
      meetingPointIds: formData.getAll("meetingPointIds").map(String),
    };
    id = (await api.decisions.open(input as unknown as OpenDecisionInput)).id;
  });
  if (state.ok) redirect(`/decisions/${id}`);
  return state;
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
