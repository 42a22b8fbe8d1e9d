// A meeting point's safety checklist: the fields of the proposal form, and the answers as shown
// on the meeting point's page. The items and their answers are defined in server/meeting-points/inputs.ts.
import { getTranslations } from "next-intl/server";
import {
  checklistAnswers,
  signalLevels,
  threatReports,
  type SafetyChecklist,
} from "@/server/meeting-points/inputs";
import { FieldError, Input, Select } from "../_forms/action-form";

type Choice = "exitsAndSightLines" | "shadeAndWater" | "checkpointsOrHostileGroups" | "phoneSignal";
const choices: [Choice, "answer" | "threat" | "signal", readonly string[]][] = [
  ["exitsAndSightLines", "answer", checklistAnswers],
  ["checkpointsOrHostileGroups", "threat", threatReports],
  ["phoneSignal", "signal", signalLevels],
  ["shadeAndWater", "answer", checklistAnswers],
];
const distances = ["shelterKm", "clinicKm"] as const;

/** The checklist's fields, filled with `checklist` when editing a proposal. */
export async function SafetyChecklistFields({ checklist }: { checklist?: Partial<SafetyChecklist> } = {}) {
  const t = await getTranslations("meetingPoints.checklist");
  return (
    <fieldset className="space-y-3 rounded-md border border-gray-300 p-3">
      <legend className="px-1 font-semibold">{t("title")}</legend>
      <p className="text-sm text-gray-700">{t("lead")}</p>
      {choices.map(([item, scale, options]) => (
        <div key={item} className="space-y-1">
          <label htmlFor={item} className="block font-medium">
            {t(item)}
          </label>
          <Select name={item} defaultValue={checklist?.[item] ?? "unknown"}>
            {options.map((option) => (
              <option key={option} value={option}>
                {t(`${scale}.${option}` as "answer.yes")}
              </option>
            ))}
          </Select>
          <FieldError name={item} />
        </div>
      ))}
      <div className="grid grid-cols-2 gap-3">
        {distances.map((item) => (
          <div key={item} className="space-y-1">
            <label htmlFor={item} className="block font-medium">
              {t(item)}
            </label>
            <Input
              name={item}
              type="number"
              min={0}
              max={500}
              step="0.1"
              inputMode="decimal"
              defaultValue={checklist?.[item] ?? undefined}
            />
            <FieldError name={item} />
          </div>
        ))}
      </div>
    </fieldset>
  );
}

export async function SafetyChecklistList({ checklist }: { checklist: Partial<SafetyChecklist> }) {
  const t = await getTranslations("meetingPoints.checklist");
  return (
    <section aria-labelledby="safety-checklist" className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
      <h2 id="safety-checklist" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <dl className="grid gap-2 sm:grid-cols-[auto_1fr] sm:gap-x-4">
        {choices.map(([item, scale]) => (
          <div key={item} className="contents">
            <dt className="font-medium">{t(item)}</dt>
            <dd>{t(`${scale}.${checklist[item] ?? "unknown"}` as "answer.yes")}</dd>
          </div>
        ))}
        {distances.map((item) => (
          <div key={item} className="contents">
            <dt className="font-medium">{t(item)}</dt>
            <dd>{checklist[item] == null ? t("notKnown") : t("km", { km: checklist[item] })}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
