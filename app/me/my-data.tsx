// On /me: download my data, or delete my account (after a confirmation).
import { getTranslations } from "next-intl/server";
import { ActionForm, ConfirmStep, FormMessage, SubmitButton } from "../_forms/action-form";
import { deleteAccountForm } from "./forms";

export async function MyData() {
  const t = await getTranslations("me");
  return (
    <section aria-labelledby="my-data" className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
      <h2 id="my-data" className="text-lg font-semibold">
        {t("dataTitle")}
      </h2>
      <p className="text-sm">{t("dataLead")}</p>
      <a href="/me/export" className="inline-block text-brand-700 underline">
        {t("download")}
      </a>
      <ActionForm action={deleteAccountForm} className="space-y-2">
        <ConfirmStep question={t("deleteConfirm")} confirmLabel={t("yesDelete")} cancelLabel={t("keep")}>
          <SubmitButton variant="danger">{t("delete")}</SubmitButton>
        </ConfirmStep>
        <FormMessage />
      </ActionForm>
    </section>
  );
}
