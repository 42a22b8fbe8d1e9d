"use server";
// Form posts of the messages pages: counting and sending (the compose form), replying, marking
// read, retrying failed emails, and the email preference. Each calls one procedure.
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { AudiencePartInput, SendInput } from "@/server/messages/inputs";
import { attempt, textFields } from "../_forms/attempt";
import type { FormState } from "../_forms/state";
import { serverApi } from "../_trpc/server";

const field = (formData: FormData, name: string) => String(formData.get(name) ?? "");
const all = (formData: FormData, name: string) => formData.getAll(name).map(String);

/** The audience the form describes: ticked groups (with the ticked roles), actions, shifts, caravans and a delegate's voice. */
function audienceOf(formData: FormData): AudiencePartInput[] {
  const roles = all(formData, "roles") as ("coordinator" | "organizer" | "member")[];
  const statuses = all(formData, "statuses") as ("confirmed" | "waitlisted")[];
  return [
    ...all(formData, "groupIds").map((groupId) => ({ kind: "group" as const, groupId, roles })),
    ...all(formData, "volunteers").map((choice) => {
      const [kind, id = ""] = choice.split(":");
      return kind === "shift"
        ? { kind: "shift" as const, shiftId: id, statuses }
        : { kind: "action" as const, actionId: id, statuses };
    }),
    ...all(formData, "caravanIds").map((caravanId) => ({ kind: "caravanDelegates" as const, caravanId })),
    // A delegate's own voice: "line:<caravan>" or "group:<caravan>:<group>".
    ...all(formData, "voice").map((choice) => {
      const [kind, caravanId = "", groupId = ""] = choice.split(":");
      return kind === "group"
        ? { kind: "groupCoordinators" as const, caravanId, groupId }
        : { kind: "caravanLine" as const, caravanId };
    }),
  ];
}

/** What was typed and ticked, so the form comes back as it was sent. */
function refill(formData: FormData): Record<string, string> {
  const values = textFields(formData);
  for (const name of ["groupIds", "roles", "volunteers", "statuses", "caravanIds", "voice"])
    values[name] = all(formData, name).join(",");
  values.urgent = formData.get("urgent") === "on" ? "on" : "";
  return values;
}

export async function composeForm(_: FormState, formData: FormData): Promise<FormState> {
  const values = refill(formData);
  const audience = audienceOf(formData);
  if (field(formData, "intent") === "count") {
    let recipients = 0;
    const state = await attempt(formData, async (api) => {
      recipients = (await api.messages.count({ audience })).recipients;
    });
    if (!state.ok) return { ...state, values };
    const t = await getTranslations("messages");
    return { version: state.version, values, data: { reach: t("willReach", { count: recipients }) } };
  }
  let id = "";
  const state = await attempt(formData, async (api) => {
    const input: SendInput = {
      audience,
      subjectEs: field(formData, "subjectEs"),
      subjectEn: field(formData, "subjectEn"),
      bodyEs: field(formData, "bodyEs"),
      bodyEn: field(formData, "bodyEn"),
      urgent: formData.get("urgent") === "on",
    };
    id = (await api.messages.send(input)).id;
  });
  if (state.ok) redirect(`/inbox/${id}`);
  return { ...state, values };
}

export async function replyForm(_: FormState, formData: FormData): Promise<FormState> {
  const threadUserId = field(formData, "threadUserId") || undefined;
  return attempt(formData, (api) =>
    api.messages.reply({
      messageId: field(formData, "messageId"),
      body: field(formData, "body"),
      threadUserId,
    }),
  );
}

export async function retryFailedForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) => api.messages.retryFailed({ messageId: field(formData, "messageId") }));
}

export async function markReadForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) => api.messages.markRead({ messageId: field(formData, "messageId") }));
}

/** Opening a message with JavaScript on marks it read (a POST: reading a page changes nothing). */
export async function markReadOnOpenForm(messageId: string): Promise<void> {
  try {
    await (await serverApi()).messages.markRead({ messageId });
  } catch {
    // A stale or foreign id: nothing to mark, and nothing to tell.
  }
}

export async function preferencesForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) =>
    api.messages.setPreferences({ emailMessages: formData.get("emailMessages") === "on" }),
  );
}
