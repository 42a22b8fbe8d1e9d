// The caravans' ratification of a decision's winner, on its page: where it stands (counts only,
// never which caravan answered what), each of the reader's caravans answering yes or no through
// them, and for the decision's own coordinators and admins more time or a reminder, each confirmed
// first. Works without JavaScript.
import { getFormatter, getTranslations } from "next-intl/server";
import type { getDecision } from "@/server/decisions/decisions";
import { ActionForm, ConfirmStep, FieldError, FormMessage, Input, SubmitButton } from "../_forms/action-form";
import { extendRatificationForm, ratifyForm, remindCaravansForm } from "./forms";

type Decision = Awaited<ReturnType<typeof getDecision>>;

export async function Ratification({ decision }: { decision: Decision }) {
  const [t, tf, format] = await Promise.all([
    getTranslations("decisions.ratify"),
    getTranslations("decisionForms.ratification"),
    getFormatter(),
  ]);
  const ratification = decision.ratification;
  if (!ratification) return null;
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  return (
    <section
      aria-labelledby="ratification"
      className="space-y-3 rounded-lg border-2 border-amber-700 bg-white p-4"
    >
      <h2 id="ratification" className="text-xl font-semibold">
        {t("title")}
      </h2>
      <p>{t("lead", { name: decision.winnerName ?? "" })}</p>
      <p role="status" className="text-sm font-medium">
        {t("window", { when: when(ratification.ratifyBy) })}{" "}
        {t("tally", { asked: ratification.asked, yes: ratification.yes, no: ratification.no })}
      </p>
      <p className="text-sm text-gray-700">{t("waiting")}</p>
      {ratification.mine.map((caravan) => (
        <ActionForm key={caravan.caravanId} action={ratifyForm} className="space-y-2">
          <h3 className="font-semibold">{t("yourCaravan", { caravan: caravan.caravanName })}</h3>
          <p className="text-sm">
            {caravan.answer === null
              ? t("notAnswered")
              : t("answered", { answer: caravan.answer ? t("yesShort") : t("noShort") })}
          </p>
          <input type="hidden" name="decisionId" value={decision.id} />
          <input type="hidden" name="caravanId" value={caravan.caravanId} />
          <div className="flex flex-wrap gap-2">
            <SubmitButton name="answer" value="yes">
              {t("yes")}
            </SubmitButton>
            <SubmitButton name="answer" value="no" variant="danger">
              {t("no")}
            </SubmitButton>
          </div>
          <FormMessage success={t("answered", { answer: "✓" })} />
        </ActionForm>
      ))}
      {ratification.canExtend && (
        <div className="space-y-3 border-t border-gray-300 pt-3">
          <h3 className="font-semibold">{tf("manageTitle")}</h3>
          <ActionForm action={extendRatificationForm} className="space-y-2" aria-label={t("extend")}>
            <input type="hidden" name="decisionId" value={decision.id} />
            <div className="space-y-1">
              <label htmlFor="hours" className="block text-sm font-medium">
                {t("hours")}
              </label>
              <Input
                name="hours"
                type="number"
                min={1}
                max={336}
                defaultValue="24"
                inputMode="numeric"
                hint
              />
              <p id="hours-hint" className="text-sm text-gray-700">
                {tf("extendHint")}
              </p>
              <FieldError name="hours" />
            </div>
            <ConfirmStep
              question={tf("extendConfirm")}
              confirmLabel={tf("extendYes")}
              cancelLabel={tf("cancel")}
            >
              <SubmitButton variant="secondary">{t("extend")}</SubmitButton>
            </ConfirmStep>
            <FormMessage success={tf("extended")} />
          </ActionForm>
          <ActionForm action={remindCaravansForm} className="space-y-2" aria-label={t("remind")}>
            <input type="hidden" name="decisionId" value={decision.id} />
            <ConfirmStep
              question={tf("remindConfirm")}
              confirmLabel={tf("remindYes")}
              cancelLabel={tf("cancel")}
            >
              <SubmitButton variant="secondary">{t("remind")}</SubmitButton>
            </ConfirmStep>
            <FormMessage success={t("reminded")} />
          </ActionForm>
        </div>
      )}
    </section>
  );
}
