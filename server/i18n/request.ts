// next-intl's per-request configuration (wired in next.config.js). Puente does not put the
// locale in the path: URLs stay short and shareable across languages.
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, negotiateLocale } from "./locale";
import { catalogs } from "./messages";

export async function requestLocale() {
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  return negotiateLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerStore.get("accept-language"));
}

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return { locale, messages: catalogs[locale], timeZone: "America/Tijuana" };
});
