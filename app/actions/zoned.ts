// An instant as the date and time fields of a form in the action's zone, and back.
import { formatInTimeZone } from "date-fns-tz";
import { timeZones } from "@/server/actions/inputs";

export const zonedDate = (instant: Date, timeZone: string) =>
  formatInTimeZone(instant, timeZone, "yyyy-MM-dd");
export const zonedTime = (instant: Date, timeZone: string) => formatInTimeZone(instant, timeZone, "HH:mm");

/** Tomorrow's date in `timeZone`: the default day of a new action. */
export const tomorrowIn = (timeZone: string) => zonedDate(new Date(Date.now() + 86_400_000), timeZone);

/** The zone a new action or decision form starts in: the reader's when it is a border zone. */
export const formZone = (readerZone: string) =>
  (timeZones as readonly string[]).includes(readerZone)
    ? (readerZone as (typeof timeZones)[number])
    : "America/Tijuana";
