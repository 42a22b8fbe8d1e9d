"use server";
// Form posts of the groups pages. Each calls one procedure; the procedure decides who may.
import { redirect } from "next/navigation";
import type { MembershipRole } from "@/db/schema";
import type { GroupDetailsInput } from "@/server/groups/inputs";
import { attempt, textFields } from "../_forms/attempt";
import type { FormState } from "../_forms/state";

/** The form's fields as the procedure's input; the procedure validates them. */
function groupDetails(formData: FormData): GroupDetailsInput {
  const {
    name = "",
    kind = "",
    country = "",
    city = "",
    region = "",
    descriptionEs = "",
    descriptionEn = "",
    contact = "",
  } = textFields(formData);
  return { name, kind, country, city, region, descriptionEs, descriptionEn, contact } as GroupDetailsInput;
}

const field = (formData: FormData, name: string) => String(formData.get(name) ?? "");

export async function createGroupForm(_: FormState, formData: FormData): Promise<FormState> {
  let slug = "";
  const state = await attempt(formData, async (api) => {
    slug = (await api.groups.create(groupDetails(formData))).slug;
  });
  if (state.ok) redirect(`/groups/${slug}?created=1`);
  return state;
}

export async function updateGroupForm(_: FormState, formData: FormData): Promise<FormState> {
  let slug = "";
  const state = await attempt(formData, async (api) => {
    slug = (await api.groups.update({ groupId: field(formData, "groupId"), ...groupDetails(formData) })).slug;
  });
  if (state.ok) redirect(`/groups/${slug}`);
  return state;
}

export async function requestToJoinForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) => api.groups.requestToJoin({ groupId: field(formData, "groupId") }));
}

export async function leaveGroupForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) => api.groups.leave({ groupId: field(formData, "groupId") }), {
    confirm: true,
  });
}

export async function decideRequestForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) =>
    api.groups.decideRequest({
      groupId: field(formData, "groupId"),
      userId: field(formData, "userId"),
      approve: field(formData, "decision") === "approve",
    }),
  );
}

export async function changeRoleForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) =>
    api.groups.changeRole({
      groupId: field(formData, "groupId"),
      userId: field(formData, "userId"),
      role: field(formData, "role") as MembershipRole,
    }),
  );
}

export async function removeMemberForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(
    formData,
    (api) =>
      api.groups.removeMember({ groupId: field(formData, "groupId"), userId: field(formData, "userId") }),
    { confirm: true },
  );
}

export async function inviteForm(_: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (api) =>
    api.groups.invite({
      groupId: field(formData, "groupId"),
      email: field(formData, "email"),
      role: field(formData, "role") as MembershipRole,
    }),
  );
}

export async function answerInvitationForm(_: FormState, formData: FormData): Promise<FormState> {
  const accept = field(formData, "answer") === "accept";
  const token = field(formData, "token");
  const key = token ? { token } : { id: field(formData, "invitationId") };
  let slug = "";
  const state = await attempt(formData, async (api) => {
    slug = (await api.groups.answerInvitation({ ...key, accept })).groupSlug;
  });
  if (state.ok && token) redirect(accept ? `/groups/${slug}` : "/me");
  return state;
}

export async function verifyGroupForm(_: FormState, formData: FormData): Promise<FormState> {
  const input = { groupId: field(formData, "groupId"), note: field(formData, "note") };
  return field(formData, "decision") === "reject"
    ? attempt(formData, (api) => api.groups.reject(input))
    : attempt(formData, (api) => api.groups.verify(input));
}
