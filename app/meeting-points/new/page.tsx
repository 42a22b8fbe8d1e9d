// Proposing a meeting point, for organizers and coordinators of a verified group.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { crossings } from "@/db/schema";
import { currentSession } from "@/server/auth";
import { ActionForm, FormMessage, SubmitButton } from "../../_forms/action-form";
import { SelectField, TextAreaField, TextField } from "../../_forms/fields";
import { serverApi } from "../../_trpc/server";
import { proposeMeetingPointForm } from "../forms";
import { SafetyChecklistFields } from "../safety-checklist";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("meetingPoints"))("propose"), robots: { index: false } };
}

export default async function ProposeMeetingPointPage() {
  if (!(await currentSession())?.user)
    redirect(`/signin?callbackUrl=${encodeURIComponent("/meeting-points/new")}`);
  const [api, t, tc] = await Promise.all([
    serverApi(),
    getTranslations("meetingPoints"),
    getTranslations("crossings"),
  ]);
  const { groups } = await api.groups.mine();
  const mine = groups.filter((g) => g.status === "active" && g.role !== "member" && g.verified);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("propose")}</h1>
      {mine.length === 0 ? (
        <p>{t("proposeNeedsGroup")}</p>
      ) : (
        <ActionForm action={proposeMeetingPointForm} className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
          <SelectField name="groupId" label={t("fieldGroup")} defaultValue={mine[0]!.groupId}>
            {mine.map((g) => (
              <option key={g.groupId} value={g.groupId}>
                {g.name}
              </option>
            ))}
          </SelectField>
          <TextField name="name" label={t("fieldName")} maxLength={120} required />
          <SelectField name="crossing" label={t("fieldCrossing")} defaultValue="san_ysidro_tijuana">
            {crossings.map((c) => (
              <option key={c} value={c}>
                {tc(c)}
              </option>
            ))}
          </SelectField>
          <SelectField name="side" label={t("fieldSide")} defaultValue="MX">
            <option value="MX">{t("side.MX")}</option>
            <option value="US">{t("side.US")}</option>
          </SelectField>
          <div className="grid grid-cols-2 gap-3">
            <TextField
              name="latitude"
              label={t("fieldLatitude")}
              inputMode="decimal"
              defaultValue="32.54"
              required
            />
            <TextField
              name="longitude"
              label={t("fieldLongitude")}
              inputMode="decimal"
              defaultValue="-117.03"
              required
            />
          </div>
          <TextField
            name="capacity"
            label={t("fieldCapacity")}
            type="number"
            min={1}
            inputMode="numeric"
            required
          />
          <TextAreaField name="facilitiesEs" label={t("fieldFacilitiesEs")} rows={2} lang="es" />
          <TextAreaField name="facilitiesEn" label={t("fieldFacilitiesEn")} rows={2} lang="en" />
          <TextAreaField name="safetyNotesEs" label={t("fieldSafetyEs")} rows={2} lang="es" />
          <TextAreaField name="safetyNotesEn" label={t("fieldSafetyEn")} rows={2} lang="en" />
          <label className="flex items-center gap-2">
            <input type="checkbox" name="legalObservers" />
            {t("fieldLegalObservers")}
          </label>
          <SafetyChecklistFields />
          <SubmitButton>{t("propose")}</SubmitButton>
          <FormMessage />
        </ActionForm>
      )}
    </div>
  );
}
