"use client";
// The reader's locale for form controls: date and time inputs carry it in `lang` (Chrome draws
// its date picker in the element's language), and, for browsers with no picker that show a plain
// text box, a placeholder with the format the server expects, in the reader's words.
import { createContext, useContext, type ReactNode } from "react";

interface ReaderLocale {
  locale?: string;
  /** e.g. "aaaa-mm-dd" in Spanish. */
  datePattern?: string;
  timePattern?: string;
}

const Context = createContext<ReaderLocale>({});

export function ReaderLocaleProvider({ children, ...value }: ReaderLocale & { children: ReactNode }) {
  return <Context value={value}>{children}</Context>;
}

/** `lang` and a format placeholder for an input of `type`, when it is a date or a time. */
export function useDateInputProps(type: string | undefined): { lang?: string; placeholder?: string } {
  const { locale, datePattern, timePattern } = useContext(Context);
  if (type === "date") return { lang: locale, placeholder: datePattern };
  if (type === "time") return { lang: locale, placeholder: timePattern };
  return {};
}
