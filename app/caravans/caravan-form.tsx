// The caravan's details, for adding a caravan and for editing one.
import { getTranslations } from "next-intl/server";
import { caravanStatuses, countries } from "@/db/schema";
import { ActionForm, FormMessage, SubmitButton } from "../_forms/action-form";
import { SelectField, TextField } from "../_forms/fields";
import type { FormState } from "../_forms/state";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

export async function CaravanForm({
  action,
  submitLabel,
  caravan,
}: {
  action: Action;
  submitLabel: string;
  caravan?: {
    id: string;
    name: string;
    origin: string;
    departureDate: string;
    estimatedSize?: number;
    status: string;
  };
}) {
  const [t, tc, ts] = await Promise.all([
    getTranslations("caravans"),
    getTranslations("countries"),
    getTranslations("caravanStatus"),
  ]);
  return (
    <ActionForm action={action} className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
      {caravan && <input type="hidden" name="caravanId" value={caravan.id} />}
      <TextField name="name" label={t("fieldName")} maxLength={120} required defaultValue={caravan?.name} />
      <SelectField name="origin" label={t("fieldOrigin")} defaultValue={caravan?.origin ?? "HN"}>
        {countries.map((c) => (
          <option key={c} value={c}>
            {tc(c)}
          </option>
        ))}
      </SelectField>
      <TextField
        name="departureDate"
        label={t("fieldDeparture")}
        type="date"
        required
        defaultValue={caravan?.departureDate}
      />
      <TextField
        name="estimatedSize"
        label={t("fieldEstimatedSize")}
        type="number"
        min={0}
        inputMode="numeric"
        required
        defaultValue={caravan?.estimatedSize}
      />
      <SelectField name="status" label={t("fieldStatus")} defaultValue={caravan?.status ?? "forming"}>
        {caravanStatuses.map((s) => (
          <option key={s} value={s}>
            {ts(s)}
          </option>
        ))}
      </SelectField>
      <SubmitButton>{submitLabel}</SubmitButton>
      <FormMessage />
    </ActionForm>
  );
}
