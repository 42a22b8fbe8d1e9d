// Whether non-urgent messages also come by email (urgent ones always do). A plain form: it works
// without JavaScript. An account made by phone has no email, and no such choice.
import { getTranslations } from "next-intl/server";
import { ActionForm, FormMessage, SubmitButton } from "../_forms/action-form";
import { serverApi } from "../_trpc/server";
import { preferencesForm } from "../messages/forms";

export async function MessagePreferences() {
  const [api, t] = await Promise.all([serverApi(), getTranslations("messages")]);
  const { emailMessages, hasEmail } = await api.messages.preferences();
  if (!hasEmail) return null;
  return (
    <section className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
      <h2 className="text-xl font-semibold">{t("prefsTitle")}</h2>
      <ActionForm action={preferencesForm} className="space-y-2" aria-label={t("prefsTitle")}>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="emailMessages" defaultChecked={emailMessages} />
          {t("prefsLabel")}
        </label>
        <p className="text-sm text-gray-700">{t("prefsHint")}</p>
        <SubmitButton variant="secondary">{t("prefsSave")}</SubmitButton>
        <FormMessage success={t("prefsSaved")} />
      </ActionForm>
    </section>
  );
}
