// On /me: the groups I belong to or asked to join, and invitations waiting for my answer.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ActionForm, FormMessage, SubmitButton } from "../_forms/action-form";
import { serverApi } from "../_trpc/server";
import { answerInvitationForm } from "../groups/forms";

export async function MyGroups() {
  const [api, t, tr] = await Promise.all([
    serverApi(),
    getTranslations("myGroups"),
    getTranslations("roles"),
  ]);
  const { groups, invitations } = await api.groups.mine();
  return (
    <section aria-labelledby="my-groups" className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
      <h2 id="my-groups" className="text-lg font-semibold">
        {t("title")}
      </h2>
      {invitations.length > 0 && (
        <div className="space-y-2">
          <h3 className="font-medium">{t("invitationsTitle")}</h3>
          <ul className="space-y-2">
            {invitations.map((invitation) => (
              <li key={invitation.id} className="rounded-md border border-sun-500 p-3">
                <ActionForm action={answerInvitationForm} className="flex flex-wrap items-center gap-2">
                  <input type="hidden" name="invitationId" value={invitation.id} />
                  <p className="mr-auto">
                    {t("invitation", { group: invitation.groupName, role: tr(invitation.role) })}
                  </p>
                  <SubmitButton name="answer" value="accept">
                    {t("accept")}
                  </SubmitButton>
                  <SubmitButton name="answer" value="decline" variant="secondary">
                    {t("decline")}
                  </SubmitButton>
                  <FormMessage success={t("answered")} />
                </ActionForm>
              </li>
            ))}
          </ul>
        </div>
      )}
      {groups.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <ul className="divide-y divide-brand-100">
          {groups.map((group) => (
            <li key={group.groupId} className="py-2">
              <Link href={`/groups/${group.slug}`} className="font-medium text-brand-700 underline">
                {group.name}
              </Link>{" "}
              <span className="text-sm text-gray-700">
                · {group.status === "pending" ? t("pending") : tr(group.role)}
                {!group.verified && ` · ${t("unverified")}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap gap-3 text-sm">
        <Link href="/groups" className="text-brand-700 underline">
          {t("find")}
        </Link>
        <Link href="/groups/new" className="text-brand-700 underline">
          {t("create")}
        </Link>
      </div>
    </section>
  );
}
