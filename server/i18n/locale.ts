// Which language a request is read in: the reader's explicit choice (a cookie set by the language
// switch) first, then the browser's Accept-Language, then Spanish, the language most users read first.
import Negotiator from "negotiator";
import { locales, type Locale } from "@/db/schema";

export { locales, type Locale };
export const defaultLocale: Locale = "es";
export const LOCALE_COOKIE = "NEXT_LOCALE";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

export function negotiateLocale(
  cookieValue: string | undefined,
  acceptLanguage: string | null | undefined,
): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  const negotiator = new Negotiator({ headers: { "accept-language": acceptLanguage ?? "" } });
  const preferred = negotiator.language([...locales]);
  return isLocale(preferred) ? preferred : defaultLocale;
}

/** The locale of a plain Request (route handlers, Auth.js callbacks). */
export function localeOfRequest(request: Request): Locale {
  const cookie = request.headers
    .get("cookie")
    ?.split(";")
    .map((part) => part.trim().split("="))
    .find(([name]) => name === LOCALE_COOKIE)?.[1];
  return negotiateLocale(cookie, request.headers.get("accept-language"));
}
