// The form for a group's public details, used to create a group and to edit one.
import { getTranslations } from "next-intl/server";
import { countries, groupKinds } from "@/db/schema";
import {
  ActionForm,
  FieldError,
  FormMessage,
  Input,
  Select,
  SubmitButton,
  Textarea,
} from "../_forms/action-form";
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
  const label = (name: keyof Values) => (
    <label htmlFor={name} className="block font-medium">
      {t(name)}
    </label>
  );
  return (
    <ActionForm action={action} className="space-y-4 rounded-lg bg-white p-4 shadow-sm">
      {groupId && <input type="hidden" name="groupId" value={groupId} />}
      <div className="space-y-1">
        {label("name")}
        <Input name="name" defaultValue={initial.name} maxLength={100} required autoComplete="organization" />
        <FieldError name="name" />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor="kind" className="block font-medium">
            {t("kind")}
          </label>
          <Select name="kind" defaultValue={initial.kind} required>
            <option value="">{t("choose")}</option>
            {groupKinds.map((kind) => (
              <option key={kind} value={kind}>
                {tk(kind)}
              </option>
            ))}
          </Select>
          <FieldError name="kind" />
        </div>
        <div className="space-y-1">
          <label htmlFor="country" className="block font-medium">
            {t("country")}
          </label>
          <Select name="country" defaultValue={initial.country} required>
            <option value="">{t("choose")}</option>
            {countries.map((country) => (
              <option key={country} value={country}>
                {tc(country)}
              </option>
            ))}
          </Select>
          <FieldError name="country" />
        </div>
        <div className="space-y-1">
          {label("city")}
          <Input
            name="city"
            defaultValue={initial.city}
            maxLength={80}
            required
            autoComplete="address-level2"
          />
          <FieldError name="city" />
        </div>
        <div className="space-y-1">
          {label("region")}
          <Input
            name="region"
            defaultValue={initial.region}
            maxLength={80}
            required
            autoComplete="address-level1"
          />
          <FieldError name="region" />
        </div>
      </div>
      <p id="descriptionEs-hint" className="text-sm text-gray-700">
        {t("descriptionHint")}
      </p>
      <div className="space-y-1">
        {label("descriptionEs")}
        <Textarea
          name="descriptionEs"
          lang="es"
          rows={4}
          maxLength={2000}
          defaultValue={initial.descriptionEs}
          hint
        />
        <FieldError name="descriptionEs" />
      </div>
      <div className="space-y-1">
        {label("descriptionEn")}
        <Textarea
          name="descriptionEn"
          lang="en"
          rows={4}
          maxLength={2000}
          defaultValue={initial.descriptionEn}
        />
        <FieldError name="descriptionEn" />
      </div>
      <div className="space-y-1">
        {label("contact")}
        <Input name="contact" defaultValue={initial.contact} maxLength={200} hint />
        <p id="contact-hint" className="text-sm text-gray-700">
          {t("contactHint")}
        </p>
        <FieldError name="contact" />
      </div>
      <div className="flex items-center gap-3">
        <SubmitButton pendingLabel={t("saving")}>{submitLabel}</SubmitButton>
        <FormMessage />
      </div>
    </ActionForm>
  );
}
