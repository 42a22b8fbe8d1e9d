// Editing one's profile: a plain form posting to a server action, so it works with JavaScript off
// and sends no API client to the phone. Errors come back already translated, next to their field.
import { getTranslations } from "next-intl/server";
import { locales, skills, type Locale, type Skill } from "@/db/schema";
import { ActionForm, FormMessage, SubmitButton } from "../_forms/action-form";
import { SelectField, TextField } from "../_forms/fields";
import { updateProfileForm } from "./forms";

interface Profile {
  name: string | null;
  /** Null for an account made by phone. */
  email: string | null;
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
        {profile.email ? `${t("me.email")}: ${profile.email}` : t("me.noEmail")}
      </p>
      <TextField
        name="name"
        label={t("me.name")}
        hint={t("me.nameHint")}
        defaultValue={profile.name ?? ""}
        maxLength={80}
        required
        autoComplete="nickname"
      />
      <SelectField
        name="preferredLanguage"
        label={t("me.preferredLanguage")}
        defaultValue={profile.preferredLanguage}
      >
        {locales.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {t(`languages.${locale}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        name="languagesSpoken"
        label={t("me.languagesSpoken")}
        hint={t("me.languagesSpokenHint")}
        defaultValue={profile.languagesSpoken.join(", ")}
      />
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
      <TextField
        name="phone"
        label={t("me.phone")}
        hint={t("me.phoneHint")}
        type="tel"
        autoComplete="tel"
        defaultValue={profile.phone ?? ""}
      />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingLabel={t("me.saving")}>{t("me.save")}</SubmitButton>
        <FormMessage success={t("me.saved")} />
      </div>
    </ActionForm>
  );
}
