// Where an invitation link leads: sign in first, then accept or decline.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { getTranslations } from "next-intl/server";
import { currentSession } from "@/server/auth";
import { explainError } from "@/server/errors";
import { requestLocale } from "@/server/i18n/request";
import { ActionForm, FormMessage, SubmitButton } from "../../_forms/action-form";
import { serverApi } from "../../_trpc/server";
import { answerInvitationForm } from "../../groups/forms";

// The token is a secret: keep it out of Referer headers and search engines.
export const metadata: Metadata = { referrer: "no-referrer", robots: { index: false } };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (!(await currentSession())?.user)
    redirect(`/signin?callbackUrl=${encodeURIComponent(`/invitations/${token}`)}`);
  const [api, t, tr] = await Promise.all([
    serverApi(),
    getTranslations("invitation"),
    getTranslations("roles"),
  ]);
  let invitation;
  try {
    invitation = await api.groups.invitation({ token });
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return (
      <section className="mx-auto max-w-md space-y-3">
        <h1 className="text-2xl font-bold">{t("invalid")}</h1>
        <p>{explainError(error, await requestLocale()).message}</p>
        <Link href="/" className="text-brand-700 underline">
          {t("home")}
        </Link>
      </section>
    );
  }
  return (
    <section className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-bold">{t("title", { group: invitation.groupName })}</h1>
      <p>{t("lead", { group: invitation.groupName, role: tr(invitation.role) })}</p>
      {invitation.forMe ? (
        <ActionForm action={answerInvitationForm} className="flex flex-wrap items-center gap-3">
          <input type="hidden" name="token" value={token} />
          <SubmitButton name="answer" value="accept">
            {t("accept")}
          </SubmitButton>
          <SubmitButton name="answer" value="decline" variant="secondary">
            {t("decline")}
          </SubmitButton>
          <FormMessage />
        </ActionForm>
      ) : (
        <p role="alert" className="rounded-md border border-sun-500 bg-white p-3">
          {t("notForYou")}
        </p>
      )}
    </section>
  );
}
