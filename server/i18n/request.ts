// next-intl's per-request configuration (wired in next.config.js). Puente does not put the
// locale in the path: URLs stay short and shareable across languages.
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { cache } from "react";
import { currentSession } from "../auth";
import { LOCALE_COOKIE, negotiateLocale } from "./locale";
import { catalogs } from "./messages";
import { readerTimeZone, ZONE_COOKIE } from "./zone";

export async function requestLocale() {
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  return negotiateLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerStore.get("accept-language"));
}

/**
 * The reader's time zone, resolved once per request (./zone.ts): a signed-in person's setting,
 * else their browser's zone from the `tz` cookie, else the server's. Signed-out readers always get
 * the server's zone, whatever their cookie says: public pages stay the same for every reader of a
 * language, so they can be cached (issue 21).
 */
export const requestTimeZone = cache(async (): Promise<string> => {
  const [session, cookieStore] = await Promise.all([currentSession(), cookies()]);
  return readerTimeZone({
    signedIn: Boolean(session?.user),
    setting: session?.user?.timeZone,
    cookie: cookieStore.get(ZONE_COOKIE)?.value,
  });
});

export default getRequestConfig(async () => {
  const [locale, timeZone] = await Promise.all([requestLocale(), requestTimeZone()]);
  // getFormatter() and useFormatter() both read this zone: server and client agree.
  return { locale, messages: catalogs[locale], timeZone };
});
