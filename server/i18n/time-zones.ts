// A time zone as a reader names it: the city in their language and the zone's own name from the
// platform's CLDR data ("Ciudad Juárez (hora de las Montañas Rocosas)"), never "Ciudad Juarez".
import type { timeZones } from "../actions/inputs";
import type { Locale } from "./locale";
import { translator } from "./messages";

type TimeZone = (typeof timeZones)[number];

export function timeZoneLabel(zone: TimeZone, locale: Locale, at = new Date()): string {
  const city = translator(locale, "timeZones")(zone.replace("America/", "") as "Tijuana");
  const name = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "longGeneric" })
    .formatToParts(at)
    .find((part) => part.type === "timeZoneName")?.value;
  return name ? `${city} (${name})` : city;
}
