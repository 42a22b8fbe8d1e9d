// The zone a person reads times in: one of the border's, named in their language, or their
// device's (the default). A plain form: it works without JavaScript.
import { getFormatter, getTranslations } from "next-intl/server";
import { ActionForm, FormMessage, SubmitButton } from "../_forms/action-form";
import { SelectField } from "../_forms/fields";
import { TimeZoneOptions } from "../_forms/time-zone-options";
import { serverApi } from "../_trpc/server";
import { ZONE_NAME } from "@/server/i18n/zone";
import { timeZoneForm } from "./forms";

export async function TimeZoneSetting() {
  const [api, t, format] = await Promise.all([serverApi(), getTranslations("readerZone"), getFormatter()]);
  const { timeZone } = await api.me.timeZone();
  // The time now in the zone this page was read in, the zone named: "12:28 hora del Pacífico".
  const now = new Date();
  return (
    <section className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
      <h2 className="text-xl font-semibold">{t("title")}</h2>
      <p id="reader-zone-now" className="text-sm text-gray-700">
        {t("now", {
          time: format.dateTime(now, { hour: "numeric", minute: "2-digit", timeZoneName: ZONE_NAME }),
        })}
      </p>
      <ActionForm action={timeZoneForm} className="space-y-2" aria-label={t("title")}>
        <SelectField name="timeZone" label={t("label")} hint={t("hint")} defaultValue={timeZone ?? ""}>
          <option value="">{t("device")}</option>
          <TimeZoneOptions />
        </SelectField>
        <SubmitButton variant="secondary">{t("save")}</SubmitButton>
        <FormMessage success={t("saved")} />
      </ActionForm>
    </section>
  );
}
