// How an action's times read: always in the action's own time zone, since a volunteer in Phoenix
// and a shelter in Tijuana must agree on when "9:00" is. When that zone is not the reader's own
// (server/i18n/request.ts), it is named in the reader's language ("hora del Pacífico"), never as
// an offset ("GMT-8").
import type { DateTimeFormatOptions } from "next-intl";
import { ZONE_NAME } from "@/server/i18n/zone";

/** Weekday, day, month and time of an action or shift, for `format.dateTime(Range)`. */
export const spanFormat = (timeZone: string, readerZone: string): DateTimeFormatOptions => ({
  weekday: "short",
  day: "numeric",
  month: "short",
  hour: "numeric",
  minute: "2-digit",
  ...inZone(timeZone, readerZone),
});

/** The action's zone for any options, named when it is not the reader's. */
export const inZone = (timeZone: string, readerZone: string): DateTimeFormatOptions =>
  timeZone === readerZone ? { timeZone } : { timeZone, timeZoneName: ZONE_NAME };
