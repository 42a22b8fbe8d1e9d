// Proposing a meeting point, for organizers and coordinators of a verified group.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { crossings } from "@/db/schema";
import { currentSession } from "@/server/auth";
import {
  ActionForm,
  FieldError,
  FormMessage,
  Input,
  Select,
  SubmitButton,
  Textarea,
} from "../../_forms/action-form";
import { serverApi } from "../../_trpc/server";
import { proposeMeetingPointForm } from "../forms";
import { SafetyChecklistFields } from "../safety-checklist";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("meetingPoints"))("propose"), robots: { index: false } };
}

function Field({ name, label, children }: { name: string; label: string; children: React.ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block font-medium">
        {label}
      </label>
      {children}
      <FieldError name={name} />
    </div>
  );
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
          <Field name="groupId" label={t("fieldGroup")}>
            <Select name="groupId" defaultValue={mine[0]!.groupId}>
              {mine.map((g) => (
                <option key={g.groupId} value={g.groupId}>
                  {g.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field name="name" label={t("fieldName")}>
            <Input name="name" maxLength={120} required />
          </Field>
          <Field name="crossing" label={t("fieldCrossing")}>
            <Select name="crossing" defaultValue="san_ysidro_tijuana">
              {crossings.map((c) => (
                <option key={c} value={c}>
                  {tc(c)}
                </option>
              ))}
            </Select>
          </Field>
          <Field name="side" label={t("fieldSide")}>
            <Select name="side" defaultValue="MX">
              <option value="MX">{t("side.MX")}</option>
              <option value="US">{t("side.US")}</option>
            </Select>
          </Field>
          <div className="grid grid-cols-2 gap-3">
            <Field name="latitude" label={t("fieldLatitude")}>
              <Input name="latitude" inputMode="decimal" defaultValue="32.54" required />
            </Field>
            <Field name="longitude" label={t("fieldLongitude")}>
              <Input name="longitude" inputMode="decimal" defaultValue="-117.03" required />
            </Field>
          </div>
          <Field name="capacity" label={t("fieldCapacity")}>
            <Input name="capacity" type="number" min={1} inputMode="numeric" required />
          </Field>
          <Field name="facilitiesEs" label={t("fieldFacilitiesEs")}>
            <Textarea name="facilitiesEs" rows={2} lang="es" />
          </Field>
          <Field name="facilitiesEn" label={t("fieldFacilitiesEn")}>
            <Textarea name="facilitiesEn" rows={2} lang="en" />
          </Field>
          <Field name="safetyNotesEs" label={t("fieldSafetyEs")}>
            <Textarea name="safetyNotesEs" rows={2} lang="es" />
          </Field>
          <Field name="safetyNotesEn" label={t("fieldSafetyEn")}>
            <Textarea name="safetyNotesEn" rows={2} lang="en" />
          </Field>
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
