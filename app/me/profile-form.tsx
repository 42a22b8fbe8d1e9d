"use client";
// Editing one's profile. Errors come back from the server already translated, per field.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { locales, skills, type Locale, type Skill } from "@/db/schema";
import { useTRPC } from "../_trpc/react";

interface Profile {
  name: string | null;
  email: string;
  preferredLanguage: Locale;
  languagesSpoken: string[];
  skills: Skill[];
  phone: string | null;
}

export function ProfileForm({ profile }: { profile: Profile }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const save = useMutation(
    trpc.me.updateProfile.mutationOptions({
      onSuccess: () => {
        setSaved(true);
        router.refresh();
      },
    }),
  );
  const fieldErrors = save.error?.data?.fieldErrors ?? {};

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const form = new FormData(event.currentTarget);
    save.mutate({
      name: String(form.get("name") ?? ""),
      preferredLanguage: form.get("preferredLanguage") as Locale,
      languagesSpoken: String(form.get("languagesSpoken") ?? "")
        .split(/[,\s]+/)
        .filter(Boolean),
      skills: form.getAll("skills").map(String) as Skill[],
      phone: String(form.get("phone") ?? ""),
    });
  }

  const error = (field: string) =>
    fieldErrors[field]?.length ? (
      <p id={`${field}-error`} className="text-sm font-medium text-red-800">
        {fieldErrors[field]!.join(" ")}
      </p>
    ) : null;
  const describedBy = (field: string, hint?: boolean) =>
    [hint && `${field}-hint`, fieldErrors[field] && `${field}-error`].filter(Boolean).join(" ") || undefined;

  return (
    <form onSubmit={submit} className="space-y-4 rounded-lg bg-white p-4 shadow-sm" noValidate>
      <h2 className="text-lg font-semibold">{t("me.profileTitle")}</h2>
      <p className="text-sm text-gray-700">
        {t("me.email")}: {profile.email}
      </p>
      <div className="space-y-1">
        <label htmlFor="name" className="block font-medium">
          {t("me.name")}
        </label>
        <input
          id="name"
          name="name"
          defaultValue={profile.name ?? ""}
          maxLength={80}
          required
          autoComplete="nickname"
          aria-invalid={Boolean(fieldErrors.name) || undefined}
          aria-describedby={describedBy("name", true)}
          className="w-full rounded-md border border-gray-400 px-3 py-2"
        />
        <p id="name-hint" className="text-sm text-gray-700">
          {t("me.nameHint")}
        </p>
        {error("name")}
      </div>
      <div className="space-y-1">
        <label htmlFor="preferredLanguage" className="block font-medium">
          {t("me.preferredLanguage")}
        </label>
        <select
          id="preferredLanguage"
          name="preferredLanguage"
          defaultValue={profile.preferredLanguage}
          className="rounded-md border border-gray-400 px-3 py-2"
        >
          {locales.map((locale) => (
            <option key={locale} value={locale} lang={locale}>
              {t(`languages.${locale}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="languagesSpoken" className="block font-medium">
          {t("me.languagesSpoken")}
        </label>
        <input
          id="languagesSpoken"
          name="languagesSpoken"
          defaultValue={profile.languagesSpoken.join(", ")}
          aria-invalid={Object.keys(fieldErrors).some((f) => f.startsWith("languagesSpoken")) || undefined}
          aria-describedby="languagesSpoken-hint"
          className="w-full rounded-md border border-gray-400 px-3 py-2"
        />
        <p id="languagesSpoken-hint" className="text-sm text-gray-700">
          {t("me.languagesSpokenHint")}
        </p>
        {Object.entries(fieldErrors)
          .filter(([field]) => field.startsWith("languagesSpoken"))
          .map(([field, messages]) => (
            <p key={field} className="text-sm font-medium text-red-800">
              {messages.join(" ")}
            </p>
          ))}
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
        <input
          id="phone"
          name="phone"
          type="tel"
          autoComplete="tel"
          defaultValue={profile.phone ?? ""}
          aria-invalid={Boolean(fieldErrors.phone) || undefined}
          aria-describedby={describedBy("phone", true)}
          className="w-full rounded-md border border-gray-400 px-3 py-2"
        />
        <p id="phone-hint" className="text-sm text-gray-700">
          {t("me.phoneHint")}
        </p>
        {error("phone")}
      </div>
      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={save.isPending}
          className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white disabled:opacity-60"
        >
          {save.isPending ? t("me.saving") : t("me.save")}
        </button>
        <p role="status" className="text-sm">
          {saved && t("me.saved")}
          {save.error && !Object.keys(fieldErrors).length && (
            <span className="font-medium text-red-800">{save.error.message}</span>
          )}
        </p>
      </div>
      {save.error && Object.keys(fieldErrors).length > 0 && (
        <p role="alert" className="text-sm font-medium text-red-800">
          {save.error.message}
        </p>
      )}
    </form>
  );
}
