// Ending every session at once, after a confirmation: a destructive action is never one tap. A
// plain form (./forms.ts): it works with JavaScript off, and from a phone about to lose signal.
import { getTranslations } from "next-intl/server";
import { ActionForm, ConfirmStep, FormMessage, SubmitButton } from "../_forms/action-form";
import { signOutEverywhereForm } from "./forms";

export async function SignOutEverywhere() {
  const t = await getTranslations("me");
  return (
    <section aria-labelledby="sessions" className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
      <h2 id="sessions" className="text-lg font-semibold">
        {t("sessionsTitle")}
      </h2>
      <p className="text-sm">{t("sessionsLead")}</p>
      <ActionForm action={signOutEverywhereForm} className="space-y-2">
        <ConfirmStep
          question={t("signOutEverywhereConfirm")}
          confirmLabel={t("confirm")}
          cancelLabel={t("cancel")}
        >
          <SubmitButton variant="danger">{t("signOutEverywhere")}</SubmitButton>
        </ConfirmStep>
        <FormMessage />
      </ActionForm>
    </section>
  );
}
