// How an action's times read: always in the action's own time zone, with the zone named, since a
// volunteer in Phoenix and a shelter in Tijuana must agree on when "9:00" is.
import type { DateTimeFormatOptions } from "next-intl";

export const spanFormat = (timeZone: string): DateTimeFormatOptions => ({
  weekday: "short",
  day: "numeric",
  month: "short",
  hour: "numeric",
  minute: "2-digit",
  timeZone,
  timeZoneName: "short",
});
