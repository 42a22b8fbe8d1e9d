// Opening a decision between shortlisted meeting points, for the people who may open one: its
// options, the coordinators of verified groups who run it with the opener, the closing time, the
// quorum, and how long the caravans have to ratify the count's winner. Works without JavaScript.
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTimeZone, getTranslations } from "next-intl/server";
import { currentSession } from "@/server/auth";
import { ActionForm, FieldError, FormMessage, SubmitButton } from "../../_forms/action-form";
import { Choice } from "../../_forms/choice";
import { TimeZoneOptions } from "../../_forms/time-zone-options";
import { SelectField, TextField } from "../../_forms/fields";
import { serverApi } from "../../_trpc/server";
import { formZone, tomorrowIn } from "../../actions/zoned";
import { openDecisionForm } from "../forms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("decisions"))("open"), robots: { index: false } };
}

export default async function OpenDecisionPage() {
  if (!(await currentSession())?.user)
    redirect(`/signin?callbackUrl=${encodeURIComponent("/decisions/new")}`);
  const [api, t, tc] = await Promise.all([
    serverApi(),
    getTranslations("decisions"),
    getTranslations("crossings"),
  ]);
  const [{ canOpen }, points] = await Promise.all([api.decisions.list(), api.meetingPoints.list()]);
  if (!canOpen) notFound();
  const zone = formZone(await getTimeZone());
  const [coordinators, tn] = await Promise.all([
    api.decisions.coordinatorChoices(),
    getTranslations("decisionForms"),
  ]);
  const options = points.filter((p) => p.status === "shortlisted" || p.status === "chosen");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("open")}</h1>
      {options.length < 2 ? (
        <p>{t("needTwoOptions")}</p>
      ) : (
        <ActionForm action={openDecisionForm} className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
          <TextField
            name="question"
            label={t("fieldQuestion")}
            maxLength={300}
            defaultValue={t("defaultQuestion")}
            required
          />
          <SelectField name="method" label={t("fieldMethod")} defaultValue="irv">
            <option value="irv">{t("method.irv")}</option>
            <option value="approval">{t("method.approval")}</option>
          </SelectField>
          <fieldset className="space-y-1">
            <legend className="font-medium">{t("fieldOptions")}</legend>
            {options.map((p) => (
              <Choice key={p.id} name="meetingPointIds" value={p.id} defaultChecked>
                {p.name} · {tc(p.crossing)}
              </Choice>
            ))}
            <FieldError name="meetingPointIds" />
          </fieldset>
          <fieldset className="space-y-1" aria-describedby="coordinatorIds-hint">
            <legend className="font-medium">{tn("coordinators")}</legend>
            <p id="coordinatorIds-hint" className="text-sm text-gray-700">
              {tn("coordinatorsHint")}
            </p>
            {coordinators.length === 0 ? (
              <p className="text-sm">{tn("noOtherCoordinators")}</p>
            ) : (
              coordinators.map((c) => (
                <Choice key={c.userId} name="coordinatorIds" value={c.userId}>
                  {tn("coordinatorOf", { name: c.name ?? tn("unnamed"), groups: c.groups.join(", ") })}
                </Choice>
              ))
            )}
            <FieldError name="coordinatorIds" />
          </fieldset>
          <SelectField name="timeZone" label={t("fieldTimeZone")} defaultValue={zone}>
            <TimeZoneOptions />
          </SelectField>
          <p className="text-sm text-gray-700">{t("opensHint")}</p>
          <div className="grid grid-cols-2 gap-3">
            <TextField name="opensDate" label={t("fieldOpensDate")} type="date" />
            <TextField name="opensTime" label={t("fieldOpensTime")} type="time" />
            <TextField
              name="closesDate"
              label={t("fieldClosesDate")}
              type="date"
              defaultValue={tomorrowIn(zone)}
              required
            />
            <TextField
              name="closesTime"
              label={t("fieldClosesTime")}
              type="time"
              defaultValue="18:00"
              required
            />
          </div>
          <TextField
            name="quorum"
            label={t("fieldQuorum")}
            type="number"
            min={1}
            defaultValue="2"
            inputMode="numeric"
            required
          />
          <TextField
            name="ratifyHours"
            label={tn("ratifyHours")}
            hint={tn("ratifyHoursHint")}
            type="number"
            min={1}
            max={336}
            defaultValue="48"
            inputMode="numeric"
            required
          />
          <SubmitButton>{t("open")}</SubmitButton>
          <FormMessage />
        </ActionForm>
      )}
    </div>
  );
}
