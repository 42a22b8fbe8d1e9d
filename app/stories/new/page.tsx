// Telling a story: no account needed, works on a phone with JavaScript off. Never asks for a full
// name; the consent step says in plain words where the story will be shown and how to take it back.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ageRanges, countries } from "@/db/schema";
import { STORY_MAX_LENGTH } from "@/server/stories/inputs";
import {
  ActionForm,
  FieldError,
  FormMessage,
  Input,
  Select,
  SubmitButton,
  Textarea,
} from "../../_forms/action-form";
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
  const label = (htmlFor: string, text: string) => (
    <label htmlFor={htmlFor} className="block font-medium">
      {text}
    </label>
  );
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <ActionForm action={submitStoryForm} className="space-y-4">
        <StorySent
          title={t("sentTitle")}
          body={t("sentBody")}
          emailed={t("sentEmailed")}
          linkLabel={t("linkLabel")}
        />
        <UntilSent>
          <p>{t("lead")}</p>
          <div className="space-y-4 rounded-lg bg-white p-4 shadow-sm">
            <div className="space-y-1">
              {label("pseudonym", t("pseudonym"))}
              <Input name="pseudonym" maxLength={60} required autoComplete="off" hint />
              <p id="pseudonym-hint" className="text-sm text-gray-700">
                {t("pseudonymHint")}
              </p>
              <FieldError name="pseudonym" />
            </div>
            <div className="grid gap-4 sm:grid-cols-2">
              <div className="space-y-1">
                {label("country", t("country"))}
                <Select name="country" defaultValue="" required>
                  <option value="">{t("choose")}</option>
                  {countryOrder.map((country) => (
                    <option key={country} value={country}>
                      {tc(country)}
                    </option>
                  ))}
                </Select>
                <FieldError name="country" />
              </div>
              <div className="space-y-1">
                {label("ageRange", t("ageRange"))}
                <Select name="ageRange" defaultValue="">
                  <option value="">{t("noAnswer")}</option>
                  {ageRanges.map((range) => (
                    <option key={range} value={range}>
                      {ta(range)}
                    </option>
                  ))}
                </Select>
                <FieldError name="ageRange" />
              </div>
            </div>
            <div className="space-y-1">
              {label("caravanName", t("caravan"))}
              <Input name="caravanName" maxLength={100} autoComplete="off" />
              <FieldError name="caravanName" />
            </div>
            <p id="textEs-hint" className="text-sm text-gray-700">
              {t("textHint")}
            </p>
            <div className="space-y-1">
              {label("textEs", t("textEs"))}
              <Textarea name="textEs" lang="es" rows={8} maxLength={STORY_MAX_LENGTH} hint />
              <FieldError name="textEs" />
            </div>
            <div className="space-y-1">
              {label("textEn", t("textEn"))}
              <Textarea name="textEn" lang="en" rows={6} maxLength={STORY_MAX_LENGTH} />
              <FieldError name="textEn" />
            </div>
          </div>
          <section aria-labelledby="consent-title" className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
            <h2 id="consent-title" className="text-lg font-semibold">
              {t("consentTitle")}
            </h2>
            <p id="consent-text">{t("consentText")}</p>
            <ConsentBox label={t("consent")} />
            <div className="space-y-1">
              {label("email", t("email"))}
              <Input name="email" type="email" inputMode="email" autoComplete="email" maxLength={254} hint />
              <p id="email-hint" className="text-sm text-gray-700">
                {t("emailHint")}
              </p>
              <FieldError name="email" />
            </div>
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
