// On a group's page: the reader's own standing (ask to join, pending, leave), and for members the
// roster; coordinators and organizers also answer join requests and invite people.
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { membershipRoles, type MembershipRole } from "@/db/schema";
import {
  ActionForm,
  ConfirmStep,
  FieldError,
  FormMessage,
  Input,
  Select,
  SubmitButton,
} from "../../_forms/action-form";
import { serverApi } from "../../_trpc/server";
import {
  changeRoleForm,
  decideRequestForm,
  inviteForm,
  leaveGroupForm,
  removeMemberForm,
  requestToJoinForm,
} from "../forms";

interface Group {
  id: string;
  slug: string;
  verified: boolean;
  membership: { role: MembershipRole; status: "pending" | "active" } | null;
}

export async function MyStanding({ group, signedIn }: { group: Group; signedIn: boolean }) {
  const [t, tr] = await Promise.all([getTranslations("groups"), getTranslations("roles")]);
  const hidden = <input type="hidden" name="groupId" value={group.id} />;
  if (!signedIn) {
    return group.verified ? (
      <Link
        href={`/signin?callbackUrl=/groups/${group.slug}`}
        className="inline-block rounded-md bg-brand-700 px-4 py-2 font-medium text-white"
      >
        {t("signInToJoin")}
      </Link>
    ) : null;
  }
  if (!group.membership) {
    return group.verified ? (
      <ActionForm action={requestToJoinForm} className="flex items-center gap-3">
        {hidden}
        <SubmitButton>{t("join")}</SubmitButton>
        <FormMessage success={t("joinSent")} />
      </ActionForm>
    ) : null;
  }
  const pending = group.membership.status === "pending";
  return (
    <div className="space-y-2 rounded-lg border border-brand-100 bg-white p-3">
      <p>{pending ? t("pendingNotice") : t("yourRole", { role: tr(group.membership.role) })}</p>
      <ActionForm action={leaveGroupForm} className="space-y-2">
        {hidden}
        <ConfirmStep
          question={pending ? t("withdrawConfirm") : t("leaveConfirm")}
          confirmLabel={pending ? t("withdraw") : t("yesLeave")}
          cancelLabel={t("cancel")}
        >
          <SubmitButton variant="secondary">{pending ? t("withdraw") : t("leave")}</SubmitButton>
        </ConfirmStep>
        <FormMessage />
      </ActionForm>
    </div>
  );
}

export async function MembersPanel({ groupId, role }: { groupId: string; role: MembershipRole }) {
  const manages = role === "coordinator" || role === "organizer";
  const api = await serverApi();
  const [members, requests, invitations, t, tr, tsk, tlang, format] = await Promise.all([
    api.groups.members({ groupId }),
    manages ? api.groups.requests({ groupId }) : Promise.resolve([]),
    manages ? api.groups.invitations({ groupId }) : Promise.resolve([]),
    getTranslations("groups"),
    getTranslations("roles"),
    getTranslations("skills"),
    getTranslations("languages"),
    getFormatter(),
  ]);
  const hidden = (userId: string) => (
    <>
      <input type="hidden" name="groupId" value={groupId} />
      <input type="hidden" name="userId" value={userId} />
    </>
  );
  const invitableRoles = role === "coordinator" ? membershipRoles : (["member"] as const);
  return (
    <div className="space-y-6">
      {manages && (
        <section aria-labelledby="requests" className="space-y-2">
          <h2 id="requests" className="text-lg font-semibold">
            {t("requestsTitle")}
          </h2>
          {requests.length === 0 ? (
            <p className="text-sm text-gray-700">{t("noRequests")}</p>
          ) : (
            <ul className="space-y-2">
              {requests.map((request) => (
                <li key={request.userId} className="rounded-md bg-white p-3 shadow-sm">
                  <ActionForm action={decideRequestForm} className="flex flex-wrap items-center gap-2">
                    {hidden(request.userId)}
                    <span className="mr-auto">
                      <span className="block font-medium">{request.name ?? t("anonymousName")}</span>
                      <span className="block text-sm text-gray-700">
                        {[
                          t("askedOn", { when: format.dateTime(request.askedAt, { dateStyle: "medium" }) }),
                          request.skills.length > 0 &&
                            t("requestSkills", { skills: request.skills.map((s) => tsk(s)).join(", ") }),
                          request.languages.length > 0 &&
                            t("requestLanguages", {
                              languages: request.languages.map((l) => tlang(l)).join(", "),
                            }),
                        ]
                          .filter(Boolean)
                          .join(" · ")}
                      </span>
                    </span>
                    <SubmitButton
                      name="decision"
                      value="approve"
                      aria-label={`${t("approve")}: ${request.name ?? ""}`}
                    >
                      {t("approve")}
                    </SubmitButton>
                    <SubmitButton
                      name="decision"
                      value="reject"
                      variant="secondary"
                      aria-label={`${t("reject")}: ${request.name ?? ""}`}
                    >
                      {t("reject")}
                    </SubmitButton>
                    <FormMessage />
                  </ActionForm>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <section aria-labelledby="members" className="space-y-2">
        <h2 id="members" className="text-lg font-semibold">
          {t("membersTitle")}
        </h2>
        <ul className="divide-y divide-brand-100 rounded-md bg-white shadow-sm">
          {members.map((member) => {
            const name = member.name ?? t("anonymousName");
            const canRemove = role === "coordinator" || (role === "organizer" && member.role === "member");
            return (
              <li key={member.userId} className="flex flex-wrap items-center gap-2 p-3">
                <span className="mr-auto">
                  <span className="font-medium">{name}</span>{" "}
                  <span className="text-sm text-gray-700">· {tr(member.role)}</span>
                </span>
                {role === "coordinator" && (
                  <ActionForm action={changeRoleForm} className="flex items-center gap-2">
                    {hidden(member.userId)}
                    <label className="sr-only" htmlFor={`role-${member.userId}`}>
                      {t("roleOf", { name })}
                    </label>
                    <select
                      id={`role-${member.userId}`}
                      name="role"
                      defaultValue={member.role}
                      className="rounded-md border border-gray-500 bg-white px-2 py-1"
                    >
                      {membershipRoles.map((r) => (
                        <option key={r} value={r}>
                          {tr(r)}
                        </option>
                      ))}
                    </select>
                    <SubmitButton
                      variant="secondary"
                      aria-label={`${t("changeRole")}: ${t("roleOf", { name })}`}
                    >
                      {t("changeRole")}
                    </SubmitButton>
                    <FormMessage />
                  </ActionForm>
                )}
                {canRemove && (
                  <ActionForm action={removeMemberForm} className="flex items-center gap-2">
                    {hidden(member.userId)}
                    <ConfirmStep
                      question={t("removeConfirm", { name })}
                      confirmLabel={t("yesRemove")}
                      cancelLabel={t("cancel")}
                    >
                      <SubmitButton variant="danger" aria-label={`${t("remove")}: ${name}`}>
                        {t("remove")}
                      </SubmitButton>
                    </ConfirmStep>
                    <FormMessage />
                  </ActionForm>
                )}
              </li>
            );
          })}
        </ul>
      </section>
      {manages && (
        <section aria-labelledby="invite" className="space-y-2">
          <h2 id="invite" className="text-lg font-semibold">
            {t("inviteTitle")}
          </h2>
          <ActionForm
            action={inviteForm}
            className="grid gap-3 rounded-md bg-white p-3 shadow-sm sm:grid-cols-3"
          >
            <input type="hidden" name="groupId" value={groupId} />
            <div className="space-y-1 sm:col-span-2">
              <label htmlFor="email" className="block text-sm font-medium">
                {t("inviteEmail")}
              </label>
              <Input name="email" type="email" autoComplete="off" required />
              <FieldError name="email" />
            </div>
            <div className="space-y-1">
              <label htmlFor="role" className="block text-sm font-medium">
                {t("inviteRole")}
              </label>
              <Select name="role" defaultValue="member">
                {invitableRoles.map((r) => (
                  <option key={r} value={r}>
                    {tr(r)}
                  </option>
                ))}
              </Select>
            </div>
            <div className="flex items-center gap-3 sm:col-span-3">
              <SubmitButton>{t("inviteSubmit")}</SubmitButton>
              <FormMessage success={t("invited")} />
            </div>
          </ActionForm>
          {invitations.length > 0 && (
            <>
              <h3 className="font-medium">{t("openInvitations")}</h3>
              <ul className="text-sm">
                {invitations.map((invitation) => (
                  <li key={invitation.id}>
                    {invitation.email} · {tr(invitation.role)} ·{" "}
                    {t("expires", { date: format.dateTime(invitation.expiresAt, { dateStyle: "medium" }) })}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </div>
  );
}
