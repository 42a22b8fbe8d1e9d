// Telling a story: no account needed, works on a phone with JavaScript off. Never asks for a full
// name; the consent step says in plain words where the story will be shown and how to take it back.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ageRanges, countries } from "@/db/schema";
import { STORY_MAX_LENGTH } from "@/server/stories/inputs";
import { ActionForm, FormMessage, SubmitButton } from "../../_forms/action-form";
import { SelectField, TextAreaField, TextField } from "../../_forms/fields";
import { submitStoryForm } from "../forms";
import { ConsentBox, StorySent, UntilSent } from "./sent";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("stories.new");
  return { title: t("title"), description: t("lead") };
}

// Storytellers' countries first: the caravans set out from Central America.
const countryOrder = [
  "HN",
  "SV",
  "GT",
  "NI",
  "VE",
  "HT",
  "CU",
  "MX",
  "US",
  "OTHER",
] as const satisfies readonly (typeof countries)[number][];

export default async function NewStoryPage() {
  const [t, tc, ta] = await Promise.all([
    getTranslations("stories.new"),
    getTranslations("countries"),
    getTranslations("ageRanges"),
  ]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <ActionForm action={submitStoryForm} className="space-y-4">
        <StorySent
          title={t("sentTitle")}
          body={t("sentBody")}
          emailed={t("sentEmailed")}
          linkLabel={t("linkLabel")}
          codeLabel={t("codeLabel")}
          once={t("once")}
          copy={t("copyLink")}
          copied={t("copied")}
          share={t("shareLink")}
        />
        <UntilSent>
          <p>{t("lead")}</p>
          <div className="space-y-4 rounded-lg bg-white p-4 shadow-sm">
            <TextField
              name="pseudonym"
              label={t("pseudonym")}
              hint={t("pseudonymHint")}
              maxLength={60}
              required
              autoComplete="off"
            />
            <div className="grid gap-4 sm:grid-cols-2">
              <SelectField name="country" label={t("country")} defaultValue="" required>
                <option value="">{t("choose")}</option>
                {countryOrder.map((country) => (
                  <option key={country} value={country}>
                    {tc(country)}
                  </option>
                ))}
              </SelectField>
              <SelectField name="ageRange" label={t("ageRange")} defaultValue="">
                <option value="">{t("noAnswer")}</option>
                {ageRanges.map((range) => (
                  <option key={range} value={range}>
                    {ta(range)}
                  </option>
                ))}
              </SelectField>
            </div>
            <TextField name="caravanName" label={t("caravan")} maxLength={100} autoComplete="off" />
            <p id="textEs-hint" className="text-sm text-gray-700">
              {t("textHint")}
            </p>
            <TextAreaField
              name="textEs"
              label={t("textEs")}
              hintAbove
              lang="es"
              rows={8}
              maxLength={STORY_MAX_LENGTH}
            />
            <TextAreaField
              name="textEn"
              label={t("textEn")}
              lang="en"
              rows={6}
              maxLength={STORY_MAX_LENGTH}
            />
          </div>
          <section aria-labelledby="consent-title" className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
            <h2 id="consent-title" className="text-lg font-semibold">
              {t("consentTitle")}
            </h2>
            <p id="consent-text">{t("consentText")}</p>
            <ConsentBox label={t("consent")} />
            <TextField
              name="email"
              label={t("email")}
              hint={t("emailHint")}
              type="email"
              inputMode="email"
              autoComplete="email"
              maxLength={254}
            />
          </section>
          <div className="flex flex-wrap items-center gap-3">
            <SubmitButton pendingLabel={t("sending")}>{t("submit")}</SubmitButton>
            <FormMessage />
          </div>
        </UntilSent>
      </ActionForm>
    </div>
  );
}
