// The form for an action's details, to create one and to edit one.
import { getTranslations } from "next-intl/server";
import { actionKinds, actionVisibilities, locales, skills } from "@/db/schema";
import { timeZones } from "@/server/actions/inputs";
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

export interface ActionFormValues {
  title: string;
  kind: string;
  description: string;
  placeName: string;
  exactLocation: string;
  revealHoursBefore: number;
  timeZone: string;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  languages: string[];
  visibility: string;
}

export async function ActionDetailsForm({
  action,
  hidden,
  initial,
  submitLabel,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  hidden: Record<string, string>;
  initial: ActionFormValues;
  submitLabel: string;
}) {
  const [t, tk, tv, tl] = await Promise.all([
    getTranslations("actions"),
    getTranslations("actionKinds"),
    getTranslations("visibility"),
    getTranslations("languages"),
  ]);
  const label = (name: string, text: string) => (
    <label htmlFor={name} className="block font-medium">
      {text}
    </label>
  );
  return (
    <ActionForm action={action} className="space-y-4 rounded-lg bg-white p-4 shadow-sm">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="space-y-1">
        {label("title", t("fieldTitle"))}
        <Input name="title" defaultValue={initial.title} maxLength={120} required />
        <FieldError name="title" />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-1">
          {label("kind", t("kind"))}
          <Select name="kind" defaultValue={initial.kind}>
            {actionKinds.map((kind) => (
              <option key={kind} value={kind}>
                {tk(kind)}
              </option>
            ))}
          </Select>
        </div>
        <div className="space-y-1">
          {label("visibility", t("fieldVisibility"))}
          <Select name="visibility" defaultValue={initial.visibility}>
            {actionVisibilities.map((v) => (
              <option key={v} value={v}>
                {tv(v)}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <div className="space-y-1">
        {label("placeName", t("fieldPlaceName"))}
        <Input name="placeName" defaultValue={initial.placeName} maxLength={160} required />
        <FieldError name="placeName" />
      </div>
      <div className="space-y-1">
        {label("exactLocation", t("fieldExactLocation"))}
        <Input name="exactLocation" defaultValue={initial.exactLocation} maxLength={300} />
        <FieldError name="exactLocation" />
      </div>
      <div className="space-y-1">
        {label("revealHoursBefore", t("fieldRevealHours"))}
        <Input
          name="revealHoursBefore"
          type="number"
          inputMode="numeric"
          min={1}
          max={168}
          defaultValue={initial.revealHoursBefore}
          className="w-28 rounded-md border border-gray-500 bg-white px-3 py-2"
          hint
          required
        />
        <p id="revealHoursBefore-hint" className="text-sm text-gray-700">
          {t("fieldRevealHoursHint")}
        </p>
        <FieldError name="revealHoursBefore" />
      </div>
      <div className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        <div className="col-span-2 space-y-1 sm:col-span-4">
          {label("timeZone", t("fieldTimeZone"))}
          <Select name="timeZone" defaultValue={initial.timeZone}>
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replace("America/", "").replace("_", " ")}
              </option>
            ))}
          </Select>
        </div>
        <div className="space-y-1">
          {label("startDate", t("fieldStartDate"))}
          <Input name="startDate" type="date" defaultValue={initial.startDate} required />
          <FieldError name="startDate" />
        </div>
        <div className="space-y-1">
          {label("startTime", t("fieldStartTime"))}
          <Input name="startTime" type="time" defaultValue={initial.startTime} required />
          <FieldError name="startTime" />
        </div>
        <div className="space-y-1">
          {label("endDate", t("fieldEndDate"))}
          <Input name="endDate" type="date" defaultValue={initial.endDate} required />
          <FieldError name="endDate" />
        </div>
        <div className="space-y-1">
          {label("endTime", t("fieldEndTime"))}
          <Input name="endTime" type="time" defaultValue={initial.endTime} required />
          <FieldError name="endTime" />
        </div>
      </div>
      <fieldset className="space-y-1">
        <legend className="font-medium">{t("fieldLanguages")}</legend>
        <div className="flex gap-4">
          {locales.map((locale) => (
            <label key={locale} className="flex items-center gap-2">
              <input
                type="checkbox"
                name="languages"
                value={locale}
                defaultChecked={initial.languages.includes(locale)}
              />
              {tl(locale)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="space-y-1">
        {label("description", t("fieldDescription"))}
        <Textarea name="description" rows={4} maxLength={4000} defaultValue={initial.description} />
        <FieldError name="description" />
      </div>
      <div className="flex items-center gap-3">
        <SubmitButton pendingLabel={t("saving")}>{submitLabel}</SubmitButton>
        <FormMessage success={t("saved")} />
      </div>
    </ActionForm>
  );
}

export async function ShiftForm({
  action,
  hidden,
  initial,
  submitLabel,
  idPrefix,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  hidden: Record<string, string>;
  initial: {
    role: string;
    date: string;
    startTime: string;
    endTime: string;
    capacity: string;
    wantedSkills: string[];
  };
  submitLabel: string;
  idPrefix: string;
}) {
  const [t, ts] = await Promise.all([getTranslations("actions"), getTranslations("skills")]);
  return (
    <ActionForm
      action={action}
      className="grid grid-cols-2 gap-3 sm:grid-cols-5"
      aria-label={`${submitLabel} ${initial.role}`.trim()}
    >
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="col-span-2 space-y-1">
        <label htmlFor={`${idPrefix}-role`} className="block text-sm font-medium">
          {t("fieldRole")}
        </label>
        <Input id={`${idPrefix}-role`} name="role" defaultValue={initial.role} maxLength={80} required />
        <FieldError name="role" />
      </div>
      <div className="space-y-1">
        <label htmlFor={`${idPrefix}-date`} className="block text-sm font-medium">
          {t("fieldDate")}
        </label>
        <Input id={`${idPrefix}-date`} name="date" type="date" defaultValue={initial.date} required />
      </div>
      <div className="space-y-1">
        <label htmlFor={`${idPrefix}-start`} className="block text-sm font-medium">
          {t("fieldFrom")}
        </label>
        <Input
          id={`${idPrefix}-start`}
          name="startTime"
          type="time"
          defaultValue={initial.startTime}
          required
        />
      </div>
      <div className="space-y-1">
        <label htmlFor={`${idPrefix}-end`} className="block text-sm font-medium">
          {t("fieldUntil")}
        </label>
        <Input id={`${idPrefix}-end`} name="endTime" type="time" defaultValue={initial.endTime} required />
      </div>
      <div className="space-y-1">
        <label htmlFor={`${idPrefix}-capacity`} className="block text-sm font-medium">
          {t("fieldCapacity")}
        </label>
        <Input
          id={`${idPrefix}-capacity`}
          name="capacity"
          type="number"
          min={1}
          max={10000}
          inputMode="numeric"
          defaultValue={initial.capacity}
          required
        />
        <FieldError name="capacity" />
      </div>
      <fieldset className="col-span-2 sm:col-span-4">
        <legend className="text-sm font-medium">{t("fieldSkills")}</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {skills.map((skill) => (
            <label key={skill} className="flex items-center gap-1">
              <input
                type="checkbox"
                name="wantedSkills"
                value={skill}
                defaultChecked={initial.wantedSkills.includes(skill)}
              />
              {ts(skill)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="col-span-2 flex items-center gap-3 sm:col-span-5">
        <SubmitButton variant="secondary">{submitLabel}</SubmitButton>
        <FormMessage />
      </div>
    </ActionForm>
  );
}
