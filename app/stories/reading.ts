// Which text of a story a reader sees first: their own language when the story has it, otherwise
// the one it has; the other language, if any, stays a tap away.
import type { Locale } from "@/server/i18n/locale";

export interface StoryTexts {
  textEs: string | null;
  textEn: string | null;
  translatedInto: Locale | null;
}

export function readingOf(story: StoryTexts, locale: Locale) {
  const texts: Record<Locale, string | null> = { es: story.textEs, en: story.textEn };
  const language: Locale = texts[locale] ? locale : texts.es ? "es" : "en";
  const other: Locale = language === "es" ? "en" : "es";
  return {
    language,
    text: texts[language] ?? "",
    translated: story.translatedInto === language,
    /** The same story in the other language, if it exists: the original when `translated`. */
    alternative: texts[other] ? { language: other, text: texts[other] } : null,
    /** The reader's language is missing. */
    onlyInOther: language !== locale,
  };
}

/** The opening of a text, cut at a word, for previews and link cards. */
export function excerpt(text: string, length: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= length) return flat;
  const cut = flat.slice(0, length);
  return `${cut.slice(0, cut.lastIndexOf(" ") > length * 0.6 ? cut.lastIndexOf(" ") : length).trimEnd()}…`;
}
