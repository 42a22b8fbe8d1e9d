// The border's time zones as options of a select, named for the reader (server/i18n/time-zones.ts).
import { getLocale } from "next-intl/server";
import { timeZones } from "@/server/actions/inputs";
import type { Locale } from "@/server/i18n/locale";
import { timeZoneLabel } from "@/server/i18n/time-zones";

export async function TimeZoneOptions() {
  const locale = (await getLocale()) as Locale;
  return timeZones.map((zone) => (
    <option key={zone} value={zone}>
      {timeZoneLabel(zone, locale)}
    </option>
  ));
}
