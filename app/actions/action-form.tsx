// The form for an action's details, to create one and to edit one.
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { actionKinds, actionVisibilities, locales, skills } from "@/db/schema";
import { ActionForm, FieldError, FormMessage, Input, SubmitButton } from "../_forms/action-form";
import { TimeZoneOptions } from "../_forms/time-zone-options";
import { SelectField, TextAreaField, TextField } from "../_forms/fields";
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
  /** "" for none. */
  meetingPointId: string;
}

/** A meeting point the organizer may tie the action to (the points they may see). */
export interface MeetingPointChoice {
  id: string;
  name: string;
  status: string;
}

export async function ActionDetailsForm({
  action,
  hidden,
  initial,
  meetingPoints,
  submitLabel,
  children,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  hidden: Record<string, string>;
  initial: ActionFormValues;
  meetingPoints: MeetingPointChoice[];
  submitLabel: string;
  /** More fields, after the action's own (creating one: its first shift). */
  children?: ReactNode;
}) {
  const [t, tk, tv, tl, tg, tm] = await Promise.all([
    getTranslations("actions"),
    getTranslations("actionKinds"),
    getTranslations("visibility"),
    getTranslations("languages"),
    getTranslations("gathering"),
    getTranslations("meetingPoints"),
  ]);
  // A rejected point is offered only when the action is already tied to it.
  const choices = meetingPoints.filter((p) => p.status !== "rejected" || p.id === initial.meetingPointId);
  return (
    <ActionForm action={action} className="space-y-4 rounded-lg bg-white p-4 shadow-sm">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <TextField name="title" label={t("fieldTitle")} defaultValue={initial.title} maxLength={120} required />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField name="kind" label={t("kind")} defaultValue={initial.kind}>
          {actionKinds.map((kind) => (
            <option key={kind} value={kind}>
              {tk(kind)}
            </option>
          ))}
        </SelectField>
        <SelectField name="visibility" label={t("fieldVisibility")} defaultValue={initial.visibility}>
          {actionVisibilities.map((v) => (
            <option key={v} value={v}>
              {tv(v)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextField
        name="placeName"
        label={t("fieldPlaceName")}
        defaultValue={initial.placeName}
        maxLength={160}
        required
      />
      <SelectField
        name="meetingPointId"
        label={tg("fieldMeetingPoint")}
        hint={tg("fieldMeetingPointHint")}
        defaultValue={initial.meetingPointId}
      >
        <option value="">{tg("none")}</option>
        {choices.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name} · {tm(`status.${p.status}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        name="exactLocation"
        label={t("fieldExactLocation")}
        defaultValue={initial.exactLocation}
        maxLength={300}
      />
      <TextField
        name="revealHoursBefore"
        label={t("fieldRevealHours")}
        hint={t("fieldRevealHoursHint")}
        type="number"
        inputMode="numeric"
        min={1}
        max={168}
        defaultValue={initial.revealHoursBefore}
        controlClassName="w-28 rounded-md border border-gray-500 bg-white px-3 py-2"
        required
      />
      <div className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        <SelectField
          name="timeZone"
          label={t("fieldTimeZone")}
          className="col-span-2 sm:col-span-4"
          defaultValue={initial.timeZone}
        >
          <TimeZoneOptions />
        </SelectField>
        <TextField
          name="startDate"
          label={t("fieldStartDate")}
          type="date"
          defaultValue={initial.startDate}
          required
        />
        <TextField
          name="startTime"
          label={t("fieldStartTime")}
          type="time"
          defaultValue={initial.startTime}
          required
        />
        <TextField
          name="endDate"
          label={t("fieldEndDate")}
          type="date"
          defaultValue={initial.endDate}
          required
        />
        <TextField
          name="endTime"
          label={t("fieldEndTime")}
          type="time"
          defaultValue={initial.endTime}
          required
        />
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
      <TextAreaField
        name="description"
        label={t("fieldDescription")}
        rows={4}
        maxLength={4000}
        defaultValue={initial.description}
      />
      {children}
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
