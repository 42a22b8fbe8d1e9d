// Pledging against a need, and withdrawing or delivering a pledge: plain forms that work without
// JavaScript. Field ids carry the need's id, as several forms share the page.
import { getTranslations } from "next-intl/server";
import {
  ActionForm,
  ConfirmStep,
  FieldError,
  FormMessage,
  Input,
  Select,
  SubmitButton,
} from "../_forms/action-form";
import { deliverPledgeForm, pledgeForm, withdrawPledgeForm } from "./forms";

/** The default "by" day of a pledge: tomorrow (UTC). */
function tomorrowsDate() {
  return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
}

export async function PledgeForm({
  needId,
  groups,
  label,
  suggestedWhat,
}: {
  needId: string;
  groups: { id: string; name: string }[];
  label: string;
  suggestedWhat: string;
}) {
  const t = await getTranslations("needs");
  const id = (name: string) => `${name}-${needId}`;
  const tomorrow = tomorrowsDate();
  return (
    <details className="rounded-md border border-brand-100 p-2">
      <summary className="cursor-pointer font-medium text-brand-700">{t("pledgeOpen")}</summary>
      <ActionForm action={pledgeForm} aria-label={label} className="mt-2 grid gap-2 sm:grid-cols-2">
        <input type="hidden" name="needId" value={needId} />
        <div className="space-y-1">
          <label htmlFor={id("group")} className="block text-sm font-medium">
            {t("fieldGroup")}
          </label>
          <Select name="groupId" id={id("group")} defaultValue={groups[0]!.id}>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="space-y-1">
          <label htmlFor={id("what")} className="block text-sm font-medium">
            {t("fieldWhat")}
          </label>
          <Input name="what" id={id("what")} maxLength={200} required defaultValue={suggestedWhat} />
          <FieldError name="what" />
        </div>
        <div className="space-y-1">
          <label htmlFor={id("quantity")} className="block text-sm font-medium">
            {t("fieldQuantity")}
          </label>
          <Input name="quantity" id={id("quantity")} type="number" min={1} inputMode="numeric" required />
          <FieldError name="quantity" />
        </div>
        <div className="space-y-1">
          <label htmlFor={id("by")} className="block text-sm font-medium">
            {t("fieldBy")}
          </label>
          <Input name="byDate" id={id("by")} type="date" required defaultValue={tomorrow} />
          <FieldError name="byDate" />
        </div>
        <div className="sm:col-span-2">
          <SubmitButton>{t("pledge")}</SubmitButton>
          <FormMessage success={t("pledged")} />
        </div>
      </ActionForm>
    </details>
  );
}

export async function SettlePledge({ groupId, pledgeId }: { groupId: string; pledgeId: string }) {
  const t = await getTranslations("needs");
  return (
    <>
      <ActionForm action={deliverPledgeForm}>
        <input type="hidden" name="groupId" value={groupId} />
        <input type="hidden" name="pledgeId" value={pledgeId} />
        <SubmitButton variant="secondary">{t("deliver")}</SubmitButton>
        <FormMessage />
      </ActionForm>
      <ActionForm action={withdrawPledgeForm}>
        <input type="hidden" name="groupId" value={groupId} />
        <input type="hidden" name="pledgeId" value={pledgeId} />
        <ConfirmStep
          question={t("withdrawQuestion")}
          confirmLabel={t("withdrawConfirm")}
          cancelLabel={t("keep")}
        >
          <SubmitButton variant="danger">{t("withdraw")}</SubmitButton>
        </ConfirmStep>
        <FormMessage />
      </ActionForm>
    </>
  );
}
