// Reporting where a caravan is and what it needs, for its delegates and members of verified groups.
// Where it is comes from the place picker (a town, or the phone's position rounded on the phone),
// never from the last report; the server rounds it again before it is stored.
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { needKinds } from "@/db/schema";
import { currentSession } from "@/server/auth";
import { ActionForm, FieldError, FormMessage, Input, SubmitButton } from "../../../_forms/action-form";
import { SelectField, TextField } from "../../../_forms/fields";
import { PlacePicker } from "../../../_forms/place-picker";
import { placePickerText } from "../../../_forms/place-picker-text";
import { orNotFound, serverApi } from "../../../_trpc/server";
import { reportForm } from "../../forms";

type Params = Promise<{ id: string }>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("caravans"))("report"), robots: { index: false } };
}

export default async function ReportPage({ params }: { params: Params }) {
  const { id } = await params;
  if (!(await currentSession())?.user) {
    redirect(`/signin?callbackUrl=${encodeURIComponent(`/caravans/${id}/report`)}`);
  }
  const [api, t, tn] = await Promise.all([
    serverApi(),
    getTranslations("caravans"),
    getTranslations("needKinds"),
  ]);
  const [{ caravan, canReport, isDelegate, reportingGroups }, points] = await Promise.all([
    orNotFound(api.caravans.get({ caravanId: id })),
    api.meetingPoints.list(),
  ]);
  if (caravan.access !== "full") notFound();
  const latest = caravan.latest;
  // The last report's town is a hint, never a value: a new report says where the caravan is now.
  const placeText = await placePickerText(t("fieldPlace"), {
    lastPlace: latest?.placeName,
    decimals: 1,
  });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("report")}</h1>
      <p className="font-medium">{caravan.name}</p>
      {!canReport ? (
        <p>{t("reportNeedsRight")}</p>
      ) : (
        <ActionForm action={reportForm} className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
          <input type="hidden" name="caravanId" value={caravan.id} />
          <SelectField
            name="groupId"
            label={t("fieldGroup")}
            defaultValue={isDelegate ? "" : reportingGroups[0]?.id}
          >
            {isDelegate && <option value="">{t("asDelegate")}</option>}
            {reportingGroups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </SelectField>
          <PlacePicker text={placeText} />
          <TextField
            name="headcount"
            label={t("fieldHeadcount")}
            type="number"
            min={0}
            inputMode="numeric"
            required
            defaultValue={latest ? String(latest.headcount) : ""}
          />
          <fieldset className="space-y-2">
            <legend className="font-medium">{t("needsLegend")}</legend>
            <FieldError name="needs" />
            {needKinds.map((kind) => (
              // Each field with its own visible label: "Agua: cuánto", "Agua: nota".
              <div key={kind} className="grid grid-cols-[8rem_1fr] gap-2">
                <div>
                  <label htmlFor={`need-${kind}`} className="block text-sm font-medium">
                    {t("needQuantity", { need: tn(kind) })}
                  </label>
                  <Input name={`need-${kind}`} inputMode="numeric" />
                  <FieldError name={`need-${kind}`} />
                </div>
                <div>
                  <label htmlFor={`note-${kind}`} className="block text-sm font-medium">
                    {t("needNote", { need: tn(kind) })}
                  </label>
                  <Input name={`note-${kind}`} maxLength={300} />
                  <FieldError name={`note-${kind}`} />
                </div>
              </div>
            ))}
          </fieldset>
          <fieldset className="space-y-2">
            <legend className="font-medium">{t("arrivalLegend")}</legend>
            <SelectField name="expectedMeetingPointId" label={t("fieldMeetingPoint")} defaultValue="">
              <option value="">{t("noMeetingPoint")}</option>
              {points
                .filter((p) => p.status !== "rejected")
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
            </SelectField>
            <div className="grid grid-cols-2 gap-3">
              <TextField name="expectedFrom" label={t("fieldFrom")} type="date" />
              <TextField name="expectedUntil" label={t("fieldUntil")} type="date" />
            </div>
          </fieldset>
          <SubmitButton>{t("send")}</SubmitButton>
          <FormMessage />
        </ActionForm>
      )}
    </div>
  );
}
