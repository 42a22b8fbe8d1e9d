"use server";
// Form posts of the meeting points pages: proposals, comments and reviews. Each calls one
// procedure; the procedure decides who may, and validates what was sent.
import { redirect } from "next/navigation";
import { safetyChecklistInput, type MeetingPointDetailsInput } from "@/server/meeting-points/inputs";
import { attempt, textFields } from "../_forms/attempt";
import { listFields } from "../_forms/lists";
import { withPlaceCandidates } from "../_forms/place-candidates";
import type { FormState } from "../_forms/state";

const field = (formData: FormData, name: string) => String(formData.get(name) ?? "");
const checklistItems: string[] = Object.keys(safetyChecklistInput.shape);

/** A proposal's details from the shared fields (../proposal-fields.tsx), as the procedures take them. */
function detailsFrom(formData: FormData): MeetingPointDetailsInput {
  const { groupId: _groupId, meetingPointId: _meetingPointId, ...values } = textFields(formData);
  const safetyChecklist = Object.fromEntries(
    checklistItems.map((item) => [item, values[item] ?? ""]).filter(([, value]) => value !== ""),
  );
  const details = {
    ...Object.fromEntries(Object.entries(values).filter(([key]) => !checklistItems.includes(key))),
    legalObservers: formData.get("legalObservers") === "on",
    safetyChecklist,
  };
  return details as unknown as MeetingPointDetailsInput;
}

/** What a refused proposal form shows again: the text as typed, the checkbox as ticked. */
const refill = (formData: FormData) => listFields(formData, ["legalObservers"]);

export async function proposeMeetingPointForm(_: FormState, formData: FormData): Promise<FormState> {
  let id = "";
  const state = await attempt(formData, async (api) => {
    id = (
      await api.meetingPoints.propose({ groupId: field(formData, "groupId"), details: detailsFrom(formData) })
    ).id;
  });
  if (state.ok) redirect(`/meeting-points/${id}`);
  return withPlaceCandidates({ ...state, values: refill(formData) }, formData);
}

/** A group's organizers edit its proposal; the procedure checks the point is that group's. */
export async function updateMeetingPointForm(_: FormState, formData: FormData): Promise<FormState> {
  const meetingPointId = field(formData, "meetingPointId");
  const state = await attempt(formData, (api) =>
    api.meetingPoints.update({
      meetingPointId,
      groupId: field(formData, "groupId"),
      details: detailsFrom(formData),
    }),
  );
  if (state.ok) redirect(`/meeting-points/${meetingPointId}?edited=1`);
  return withPlaceCandidates({ ...state, values: refill(formData) }, formData);
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
