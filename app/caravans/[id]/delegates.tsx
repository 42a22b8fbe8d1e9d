// Who speaks for the caravan: its editors name delegates by the email or phone number they sign in
// with (a delegate may have only a phone), and remove them.
import { getTranslations } from "next-intl/server";
import { ActionForm, FormMessage, SubmitButton } from "../../_forms/action-form";
import { TextField } from "../../_forms/fields";
import { addDelegateForm, removeDelegateForm } from "../forms";

export async function Delegates({
  caravanId,
  delegates,
}: {
  caravanId: string;
  delegates: { userId: string; name: string | null }[];
}) {
  const t = await getTranslations("caravans");
  return (
    <section
      aria-labelledby="delegates"
      className="space-y-3 rounded-lg border border-brand-100 bg-white p-4"
    >
      <h2 id="delegates" className="text-lg font-semibold">
        {t("delegatesTitle")}
      </h2>
      {delegates.length === 0 && <p>{t("noDelegates")}</p>}
      <ul className="space-y-2">
        {delegates.map((d) => {
          const name = d.name ?? t("someone");
          return (
            <li key={d.userId} className="flex flex-wrap items-center gap-2">
              <span>{name}</span>
              <ActionForm action={removeDelegateForm}>
                <input type="hidden" name="caravanId" value={caravanId} />
                <input type="hidden" name="userId" value={d.userId} />
                <SubmitButton variant="danger">{t("removeDelegate", { name })}</SubmitButton>
                <FormMessage />
              </ActionForm>
            </li>
          );
        })}
      </ul>
      <ActionForm action={addDelegateForm} className="space-y-2">
        <input type="hidden" name="caravanId" value={caravanId} />
        <TextField
          name="contact"
          label={t("delegateContact")}
          type="text"
          autoComplete="off"
          required
          maxLength={254}
        />
        <SubmitButton>{t("addDelegate")}</SubmitButton>
        <FormMessage success={t("delegateAdded")} />
      </ActionForm>
    </section>
  );
}
