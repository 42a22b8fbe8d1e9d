// Editing one's profile: a plain form posting to a server action, so it works with JavaScript off
// and sends no API client to the phone. Errors come back already translated, next to their field.
import { getTranslations } from "next-intl/server";
import { locales, skills, type Locale, type Skill } from "@/db/schema";
import { ActionForm, FieldError, FormMessage, Input, Select, SubmitButton } from "../_forms/action-form";
import { updateProfileForm } from "./forms";

interface Profile {
  name: string | null;
  email: string;
  preferredLanguage: Locale;
  languagesSpoken: string[];
  skills: Skill[];
  phone: string | null;
}

export async function ProfileForm({ profile }: { profile: Profile }) {
  const t = await getTranslations();
  return (
    <ActionForm
      action={updateProfileForm}
      className="space-y-4 rounded-lg bg-white p-4 shadow-sm"
      aria-label={t("me.profileTitle")}
    >
      <h2 className="text-lg font-semibold">{t("me.profileTitle")}</h2>
      <p className="text-sm text-gray-700">
        {t("me.email")}: {profile.email}
      </p>
      <div className="space-y-1">
        <label htmlFor="name" className="block font-medium">
          {t("me.name")}
        </label>
        <Input
          name="name"
          hint
          defaultValue={profile.name ?? ""}
          maxLength={80}
          required
          autoComplete="nickname"
        />
        <p id="name-hint" className="text-sm text-gray-700">
          {t("me.nameHint")}
        </p>
        <FieldError name="name" />
      </div>
      <div className="space-y-1">
        <label htmlFor="preferredLanguage" className="block font-medium">
          {t("me.preferredLanguage")}
        </label>
        <Select name="preferredLanguage" defaultValue={profile.preferredLanguage}>
          {locales.map((locale) => (
            <option key={locale} value={locale} lang={locale}>
              {t(`languages.${locale}`)}
            </option>
          ))}
        </Select>
      </div>
      <div className="space-y-1">
        <label htmlFor="languagesSpoken" className="block font-medium">
          {t("me.languagesSpoken")}
        </label>
        <Input name="languagesSpoken" hint defaultValue={profile.languagesSpoken.join(", ")} />
        <p id="languagesSpoken-hint" className="text-sm text-gray-700">
          {t("me.languagesSpokenHint")}
        </p>
        <FieldError name="languagesSpoken" />
      </div>
      <fieldset className="space-y-1">
        <legend className="font-medium">{t("me.skills")}</legend>
        <div className="grid grid-cols-2 gap-2">
          {skills.map((skill) => (
            <label key={skill} className="flex items-center gap-2">
              <input
                type="checkbox"
                name="skills"
                value={skill}
                defaultChecked={profile.skills.includes(skill)}
              />
              {t(`skills.${skill}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="space-y-1">
        <label htmlFor="phone" className="block font-medium">
          {t("me.phone")}
        </label>
        <Input name="phone" type="tel" hint autoComplete="tel" defaultValue={profile.phone ?? ""} />
        <p id="phone-hint" className="text-sm text-gray-700">
          {t("me.phoneHint")}
        </p>
        <FieldError name="phone" />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingLabel={t("me.saving")}>{t("me.save")}</SubmitButton>
        <FormMessage success={t("me.saved")} />
      </div>
    </ActionForm>
  );
}
