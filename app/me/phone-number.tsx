// /me's text messages: add a mobile number (proved by a texted code), choose which messages also
// come by SMS, or remove it. Plain forms posting to server actions, so it all works without
// JavaScript; laid out for a 360 px phone first.
import { getTranslations } from "next-intl/server";
import { smsChoices } from "@/db/schema";
import { ActionForm, FieldError, FormMessage, Input, SubmitButton } from "../_forms/action-form";
import { serverApi } from "../_trpc/server";
import { confirmPhoneCodeForm, removePhoneForm, requestPhoneCodeForm, smsChoiceForm } from "./forms";

const choiceLabels = { off: "choiceOff", urgent: "choiceUrgent", all: "choiceAll" } as const;

async function RequestCode() {
  const t = await getTranslations("phone");
  return (
    <ActionForm action={requestPhoneCodeForm} className="space-y-2" aria-label={t("sendCode")}>
      <label htmlFor="number" className="block font-medium">
        {t("number")}
      </label>
      <Input name="number" type="tel" inputMode="tel" autoComplete="tel" hint required maxLength={40} />
      <p id="number-hint" className="text-sm text-gray-700">
        {t("numberHint")}
      </p>
      <FieldError name="number" />
      <SubmitButton>{t("sendCode")}</SubmitButton>
      <FormMessage />
    </ActionForm>
  );
}

export async function PhoneNumber() {
  const [api, t] = await Promise.all([serverApi(), getTranslations("phone")]);
  const { verified, pending } = await api.sms.phone();
  return (
    <section className="space-y-3 rounded-lg bg-white p-4 shadow-sm" aria-labelledby="phone-title">
      <h2 id="phone-title" className="text-xl font-semibold">
        {t("title")}
      </h2>
      <p className="text-sm">{t("lead")}</p>
      {verified && (
        <>
          <p className="font-medium">{t("yours", { number: verified.number })}</p>
          {verified.optedOut && (
            <p role="status" className="rounded-md bg-brand-100 p-3 text-sm">
              {t("optedOut")}
            </p>
          )}
          <ActionForm action={smsChoiceForm} className="space-y-2" aria-label={t("choiceLegend")}>
            <fieldset className="space-y-1">
              <legend className="font-medium">{t("choiceLegend")}</legend>
              {smsChoices.map((choice) => (
                <label key={choice} className="flex min-h-11 items-center gap-2">
                  <input
                    type="radio"
                    name="smsMessages"
                    value={choice}
                    defaultChecked={choice === verified.smsMessages}
                  />
                  {t(choiceLabels[choice])}
                </label>
              ))}
            </fieldset>
            <p className="text-sm text-gray-700">{t("reminderHint")}</p>
            <p className="text-sm text-gray-700">{t("stopHint")}</p>
            <SubmitButton variant="secondary">{t("saveChoice")}</SubmitButton>
            <FormMessage success={t("choiceSaved")} />
          </ActionForm>
        </>
      )}
      {pending && (
        <ActionForm action={confirmPhoneCodeForm} className="space-y-2" aria-label={t("confirm")}>
          <p role="status">{t("codeSent", { number: pending.number })}</p>
          <label htmlFor="code" className="block font-medium">
            {t("code")}
          </label>
          <Input
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]*"
            maxLength={6}
            required
          />
          <FieldError name="code" />
          <SubmitButton>{t("confirm")}</SubmitButton>
          <FormMessage success={t("verified")} />
        </ActionForm>
      )}
      {!verified && !pending ? (
        <RequestCode />
      ) : (
        <details className="rounded-md border border-brand-100 p-3">
          <summary className="min-h-11 cursor-pointer py-2 text-brand-700">{t("change")}</summary>
          <RequestCode />
        </details>
      )}
      {verified && (
        <ActionForm action={removePhoneForm}>
          <SubmitButton variant="danger">{t("remove")}</SubmitButton>
          <FormMessage success={t("removed")} />
        </ActionForm>
      )}
    </section>
  );
}
