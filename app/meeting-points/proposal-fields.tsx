// The fields of a meeting point's proposal: where it is, what it offers, its safety notes and
// checklist. Shared by proposing a point (./new) and editing one (./[id]/edit), which fills them
// with the proposal as it stands. A refused form keeps what was typed (app/_forms).
import { getTranslations } from "next-intl/server";
import { crossings } from "@/db/schema";
import type { SafetyChecklist } from "@/server/meeting-points/inputs";
import { Choice } from "../_forms/choice";
import { PlacePicker } from "../_forms/place-picker";
import { placePickerText } from "../_forms/place-picker-text";
import { serverApi } from "../_trpc/server";
import { SelectField, TextAreaField, TextField } from "../_forms/fields";
import { SafetyChecklistFields } from "./safety-checklist";

/** A proposal as it stands, to edit. */
export interface ProposalValues {
  name: string;
  crossing: string;
  side: string;
  latitude: number;
  longitude: number;
  capacity: number;
  facilitiesEs: string;
  facilitiesEn: string;
  safetyNotesEs: string;
  safetyNotesEn: string;
  legalObservers: boolean;
  safetyChecklist: Partial<SafetyChecklist>;
}

export async function ProposalFields({ proposal }: { proposal?: ProposalValues }) {
  const [t, tc, tp, api] = await Promise.all([
    getTranslations("meetingPoints"),
    getTranslations("crossings"),
    getTranslations("placePicker"),
    serverApi(),
  ]);
  const placeText = await placePickerText(tp("townLabel"), { decimals: 2 });
  // Editing: the point's own position, named by the town nearest it. Proposing: no place at all
  // until one is chosen (no crossing's town stands in for it).
  const initial = proposal && {
    label: (await api.places.nearest({ latitude: proposal.latitude, longitude: proposal.longitude })).label,
    latitude: proposal.latitude,
    longitude: proposal.longitude,
  };
  return (
    <>
      <TextField name="name" label={t("fieldName")} maxLength={120} defaultValue={proposal?.name} required />
      <SelectField
        name="crossing"
        label={t("fieldCrossing")}
        defaultValue={proposal?.crossing ?? ""}
        required
      >
        <option value="">{tp("chooseCrossing")}</option>
        {crossings.map((c) => (
          <option key={c} value={c}>
            {tc(c)}
          </option>
        ))}
      </SelectField>
      <SelectField name="side" label={t("fieldSide")} defaultValue={proposal?.side ?? "MX"}>
        <option value="MX">{t("side.MX")}</option>
        <option value="US">{t("side.US")}</option>
      </SelectField>
      <PlacePicker text={placeText} initial={initial} />
      <TextField
        name="capacity"
        label={t("fieldCapacity")}
        type="number"
        min={1}
        inputMode="numeric"
        defaultValue={proposal ? String(proposal.capacity) : undefined}
        required
      />
      <TextAreaField
        name="facilitiesEs"
        label={t("fieldFacilitiesEs")}
        rows={2}
        lang="es"
        defaultValue={proposal?.facilitiesEs}
      />
      <TextAreaField
        name="facilitiesEn"
        label={t("fieldFacilitiesEn")}
        rows={2}
        lang="en"
        defaultValue={proposal?.facilitiesEn}
      />
      <TextAreaField
        name="safetyNotesEs"
        label={t("fieldSafetyEs")}
        rows={2}
        lang="es"
        defaultValue={proposal?.safetyNotesEs}
      />
      <TextAreaField
        name="safetyNotesEn"
        label={t("fieldSafetyEn")}
        rows={2}
        lang="en"
        defaultValue={proposal?.safetyNotesEn}
      />
      <Choice name="legalObservers" value="on" defaultChecked={proposal?.legalObservers ?? false}>
        {t("fieldLegalObservers")}
      </Choice>
      <SafetyChecklistFields checklist={proposal?.safetyChecklist} />
    </>
  );
}
