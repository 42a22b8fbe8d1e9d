// When a closed decision's result becomes public: what the people deciding read about it, and the
// coordinators' form to set it (now, at a set time, never), which submits without JavaScript.
import { getFormatter, getTimeZone, getTranslations } from "next-intl/server";
import { ActionForm, FormMessage, SubmitButton } from "../_forms/action-form";
import { TimeZoneOptions } from "../_forms/time-zone-options";
import { SelectField, TextField } from "../_forms/fields";
import type { serverApi } from "../_trpc/server";
import { formZone, tomorrowIn } from "../actions/zoned";
import { publishForm } from "./forms";

type Decision = Awaited<ReturnType<Awaited<ReturnType<typeof serverApi>>["decisions"]["get"]>>;

export async function Publication({ decision }: { decision: Decision }) {
  const [t, format] = await Promise.all([getTranslations("decisions.publication"), getFormatter()]);
  const zone = formZone(await getTimeZone());
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const state =
    decision.publication === "never"
      ? t("never")
      : decision.publishesAt
        ? decision.published
          ? t("public", { when: when(decision.publishesAt) })
          : t("at", { when: when(decision.publishesAt) })
        : t("participants");
  return (
    <section
      aria-labelledby="publication"
      className="space-y-2 rounded-lg border border-brand-100 bg-white p-4"
    >
      <h2 id="publication" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p className="text-sm">{state}</p>
      {decision.coordinates && (
        <ActionForm action={publishForm} className="space-y-2">
          <input type="hidden" name="decisionId" value={decision.id} />
          <fieldset className="space-y-1">
            <legend className="font-medium">{t("legend")}</legend>
            {(["now", "at", "never"] as const).map((value) => (
              <label key={value} className="flex items-center gap-2">
                <input type="radio" name="when" value={value} defaultChecked={value === "now"} />
                {t(value === "at" ? "atTime" : value === "never" ? "neverOption" : "now")}
              </label>
            ))}
          </fieldset>
          <div className="grid grid-cols-2 gap-3">
            <TextField name="date" label={t("date")} type="date" defaultValue={tomorrowIn(zone)} />
            <TextField name="time" label={t("time")} type="time" defaultValue="09:00" />
          </div>
          <SelectField name="timeZone" label={t("timeZone")} defaultValue={zone}>
            <TimeZoneOptions />
          </SelectField>
          <SubmitButton>{t("save")}</SubmitButton>
          <FormMessage success={t("saved")} />
        </ActionForm>
      )}
    </section>
  );
}
