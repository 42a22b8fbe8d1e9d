// Which time zone a person reads times in, decided in one place (issue 18): an action's times are
// always in the action's own zone (app/actions/when.ts); every other time is in the reader's zone,
// which is their profile setting, else the zone their browser reported (the `tz` cookie, set by a
// tiny script in the root layout), else the server's. A zone from a cookie or a form is taken only
// when it is one of the platform's IANA names; anything else is ignored, never echoed.

/** The cookie the page sets from `Intl.DateTimeFormat().resolvedOptions().timeZone`. */
export const ZONE_COOKIE = "tz";

const known = new Set<string>([...Intl.supportedValuesOf("timeZone"), "UTC"]);

/** Whether `value` is an IANA zone name this server knows (never an alias or an offset). */
export function isTimeZone(value: unknown): value is string {
  return typeof value === "string" && value.length <= 64 && known.has(value);
}

/** The server's zone, for readers who told us nothing: PUENTE_TIME_ZONE, else Tijuana's. */
export function serverTimeZone(): string {
  const configured = process.env.PUENTE_TIME_ZONE;
  return isTimeZone(configured) ? configured : "America/Tijuana";
}

/**
 * The reader's zone. The browser's zone counts only for a signed-in reader: a signed-out page
 * must read the same for every reader of one language, so it can be cached (issue 21); its
 * action times are in the action's zone anyway.
 */
export function readerTimeZone(reader: {
  signedIn: boolean;
  setting?: string | null;
  cookie?: string | null;
}): string {
  if (reader.signedIn && isTimeZone(reader.setting)) return reader.setting;
  if (reader.signedIn && isTimeZone(reader.cookie)) return reader.cookie;
  return serverTimeZone();
}

/**
 * A zone's name in the reader's language ("hora del Pacífico"), never an offset like "GMT-8".
 * Typed as "long" for next-intl's options, whose type predates the generic names; it passes the
 * option to Intl.DateTimeFormat as it is.
 */
export const ZONE_NAME = "longGeneric" as "long";

/**
 * An instant as a recipient reads it in an email: `timeZone` is the action's zone, or the
 * recipient's (their setting, else the server's); the zone is named in their language.
 */
export function emailTime(at: Date, locale: string, timeZone: string, style: "long" | "medium" = "long") {
  return new Intl.DateTimeFormat(locale, {
    ...(style === "long"
      ? { weekday: "long", day: "numeric", month: "long", hour: "numeric", minute: "2-digit" }
      : { day: "numeric", month: "short", year: "numeric", hour: "numeric", minute: "2-digit" }),
    timeZone,
    timeZoneName: ZONE_NAME,
  }).format(at);
}
