"use server";
// Form posts of the meeting points pages: proposals, comments and reviews. Each calls one
// procedure; the procedure decides who may, and validates what was sent.
import { redirect } from "next/navigation";
import { safetyChecklistInput, type MeetingPointDetailsInput } from "@/server/meeting-points/inputs";
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
