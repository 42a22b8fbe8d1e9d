// The caravan's details, for adding a caravan and for editing one.
import { getTranslations } from "next-intl/server";
import { caravanStatuses, countries } from "@/db/schema";
import { ActionForm, FormMessage, Input, Select, SubmitButton } from "../_forms/action-form";
import type { FormState } from "../_forms/state";
import { Field } from "./field";

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
      <Field name="name" label={t("fieldName")}>
        <Input name="name" maxLength={120} required defaultValue={caravan?.name} />
      </Field>
      <Field name="origin" label={t("fieldOrigin")}>
        <Select name="origin" defaultValue={caravan?.origin ?? "HN"}>
          {countries.map((c) => (
            <option key={c} value={c}>
              {tc(c)}
            </option>
          ))}
        </Select>
      </Field>
      <Field name="departureDate" label={t("fieldDeparture")}>
        <Input name="departureDate" type="date" required defaultValue={caravan?.departureDate} />
      </Field>
      <Field name="estimatedSize" label={t("fieldEstimatedSize")}>
        <Input
          name="estimatedSize"
          type="number"
          min={0}
          inputMode="numeric"
          required
          defaultValue={caravan?.estimatedSize}
        />
      </Field>
      <Field name="status" label={t("fieldStatus")}>
        <Select name="status" defaultValue={caravan?.status ?? "forming"}>
          {caravanStatuses.map((s) => (
            <option key={s} value={s}>
              {ts(s)}
            </option>
          ))}
        </Select>
      </Field>
      <SubmitButton>{submitLabel}</SubmitButton>
      <FormMessage />
    </ActionForm>
  );
}
