// The message catalogs, and a translator for server code that runs outside React (errors, emails).
import { createTranslator } from "next-intl";
import type { Locale } from "./locale";
import en from "./messages/en.json";
import es from "./messages/es.json";

export type Messages = typeof en;
export const catalogs: Record<Locale, Messages> = { en, es };

export function translator<N extends keyof Messages>(locale: Locale, namespace: N) {
  return createTranslator({ locale, messages: catalogs[locale], namespace });
}
