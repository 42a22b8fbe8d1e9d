// The form for a group's public details, used to create a group and to edit one.
import { getTranslations } from "next-intl/server";
import { countries, groupKinds } from "@/db/schema";
import { ActionForm, FormMessage, SubmitButton } from "../_forms/action-form";
import { SelectField, TextAreaField, TextField } from "../_forms/fields";
import type { FormState } from "../_forms/state";

interface Values {
  name: string;
  kind: string;
  country: string;
  city: string;
  region: string;
  descriptionEs: string;
  descriptionEn: string;
  contact: string;
}

const empty: Values = {
  name: "",
  kind: "",
  country: "",
  city: "",
  region: "",
  descriptionEs: "",
  descriptionEn: "",
  contact: "",
};

export async function GroupForm({
  action,
  groupId,
  initial = empty,
  submitLabel,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  groupId?: string;
  initial?: Values;
  submitLabel: string;
}) {
  const [t, tk, tc] = await Promise.all([
    getTranslations("groups"),
    getTranslations("groupKinds"),
    getTranslations("countries"),
  ]);
  return (
    <ActionForm action={action} className="space-y-4 rounded-lg bg-white p-4 shadow-sm">
      {groupId && <input type="hidden" name="groupId" value={groupId} />}
      <TextField
        name="name"
        label={t("name")}
        defaultValue={initial.name}
        maxLength={100}
        required
        autoComplete="organization"
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField name="kind" label={t("kind")} defaultValue={initial.kind} required>
          <option value="">{t("choose")}</option>
          {groupKinds.map((kind) => (
            <option key={kind} value={kind}>
              {tk(kind)}
            </option>
          ))}
        </SelectField>
        <SelectField name="country" label={t("country")} defaultValue={initial.country} required>
          <option value="">{t("choose")}</option>
          {countries.map((country) => (
            <option key={country} value={country}>
              {tc(country)}
            </option>
          ))}
        </SelectField>
        <TextField
          name="city"
          label={t("city")}
          defaultValue={initial.city}
          maxLength={80}
          required
          autoComplete="address-level2"
        />
        <TextField
          name="region"
          label={t("region")}
          defaultValue={initial.region}
          maxLength={80}
          required
          autoComplete="address-level1"
        />
      </div>
      <p id="descriptionEs-hint" className="text-sm text-gray-700">
        {t("descriptionHint")}
      </p>
      <TextAreaField
        name="descriptionEs"
        label={t("descriptionEs")}
        hintAbove
        lang="es"
        rows={4}
        maxLength={2000}
        defaultValue={initial.descriptionEs}
      />
      <TextAreaField
        name="descriptionEn"
        label={t("descriptionEn")}
        lang="en"
        rows={4}
        maxLength={2000}
        defaultValue={initial.descriptionEn}
      />
      <TextField
        name="contact"
        label={t("contact")}
        hint={t("contactHint")}
        defaultValue={initial.contact}
        maxLength={200}
      />
      <div className="flex items-center gap-3">
        <SubmitButton pendingLabel={t("saving")}>{submitLabel}</SubmitButton>
        <FormMessage />
      </div>
    </ActionForm>
  );
}
