// Opening a decision between shortlisted meeting points, for the decision's coordinators.
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { timeZones } from "@/server/actions/inputs";
import { currentSession } from "@/server/auth";
import { ActionForm, FieldError, FormMessage, Input, Select, SubmitButton } from "../../_forms/action-form";
import { serverApi } from "../../_trpc/server";
import { tomorrowIn } from "../../actions/zoned";
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
  const options = points.filter((p) => p.status === "shortlisted" || p.status === "chosen");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("open")}</h1>
      {options.length < 2 ? (
        <p>{t("needTwoOptions")}</p>
      ) : (
        <ActionForm action={openDecisionForm} className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
          <div className="space-y-1">
            <label htmlFor="question" className="block font-medium">
              {t("fieldQuestion")}
            </label>
            <Input name="question" maxLength={300} defaultValue={t("defaultQuestion")} required />
            <FieldError name="question" />
          </div>
          <div className="space-y-1">
            <label htmlFor="method" className="block font-medium">
              {t("fieldMethod")}
            </label>
            <Select name="method" defaultValue="irv">
              <option value="irv">{t("method.irv")}</option>
              <option value="approval">{t("method.approval")}</option>
            </Select>
          </div>
          <fieldset className="space-y-1">
            <legend className="font-medium">{t("fieldOptions")}</legend>
            {options.map((p) => (
              <label key={p.id} className="flex items-center gap-2">
                <input type="checkbox" name="meetingPointIds" value={p.id} defaultChecked />
                {p.name} · {tc(p.crossing)}
              </label>
            ))}
            <FieldError name="meetingPointIds" />
          </fieldset>
          <div className="space-y-1">
            <label htmlFor="timeZone" className="block font-medium">
              {t("fieldTimeZone")}
            </label>
            <Select name="timeZone" defaultValue="America/Tijuana">
              {timeZones.map((z) => (
                <option key={z} value={z}>
                  {z.replace("America/", "").replace("_", " ")}
                </option>
              ))}
            </Select>
          </div>
          <p className="text-sm text-gray-700">{t("opensHint")}</p>
          <div className="grid grid-cols-2 gap-3">
            <div className="space-y-1">
              <label htmlFor="opensDate" className="block font-medium">
                {t("fieldOpensDate")}
              </label>
              <Input name="opensDate" type="date" />
            </div>
            <div className="space-y-1">
              <label htmlFor="opensTime" className="block font-medium">
                {t("fieldOpensTime")}
              </label>
              <Input name="opensTime" type="time" />
            </div>
            <div className="space-y-1">
              <label htmlFor="closesDate" className="block font-medium">
                {t("fieldClosesDate")}
              </label>
              <Input name="closesDate" type="date" defaultValue={tomorrowIn("America/Tijuana")} required />
              <FieldError name="closesDate" />
            </div>
            <div className="space-y-1">
              <label htmlFor="closesTime" className="block font-medium">
                {t("fieldClosesTime")}
              </label>
              <Input name="closesTime" type="time" defaultValue="18:00" required />
              <FieldError name="closesTime" />
            </div>
          </div>
          <div className="space-y-1">
            <label htmlFor="quorum" className="block font-medium">
              {t("fieldQuorum")}
            </label>
            <Input name="quorum" type="number" min={1} defaultValue="2" inputMode="numeric" required />
            <FieldError name="quorum" />
          </div>
          <SubmitButton>{t("open")}</SubmitButton>
          <FormMessage />
        </ActionForm>
      )}
    </div>
  );
}
