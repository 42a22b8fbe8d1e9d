// A list's search form: a plain GET form (it works with JavaScript off, and every search has its
// own address), its text fields and its submit button. Its choices are FilterSelects.
import type { ComponentProps, ReactNode } from "react";
import { useLocale, useTranslations } from "next-intl";
import { filterFieldClass } from "../_forms/filter-select";

export function SearchForm({
  action,
  layout,
  children,
}: {
  action: string;
  /** The grid's columns, e.g. "sm:grid-cols-4". */
  layout: string;
  children: ReactNode;
}) {
  return (
    <form
      method="get"
      action={action}
      role="search"
      className={`grid gap-3 rounded-lg bg-white p-4 shadow-sm ${layout}`}
    >
      {children}
    </form>
  );
}

/** A text field of the search: a label and an input named `name`, filled with the current `value`. */
export function SearchInput({
  name,
  label,
  value,
  className,
  type = "search",
  ...input
}: Omit<ComponentProps<"input">, "id" | "name" | "defaultValue" | "value" | "className"> & {
  name: string;
  label: string;
  value: string | null | undefined;
  /** Classes for the field's box (its place in the grid). */
  className?: string;
}) {
  // A date or time in the reader's language (../_forms/reader-locale.tsx).
  const [locale, t] = [useLocale(), useTranslations("readerZone")];
  const dated =
    type === "date" || type === "time"
      ? { lang: locale, placeholder: t(type === "date" ? "datePattern" : "timePattern") }
      : {};
  return (
    <div className={className}>
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={name}
        name={name}
        type={type}
        defaultValue={value ?? ""}
        className={filterFieldClass}
        {...dated}
        {...input}
      />
    </div>
  );
}

export function SearchButton({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <button
      type="submit"
      className={`rounded-md bg-brand-700 px-4 py-2 font-medium text-white${className ? ` ${className}` : ""}`}
    >
      {children}
    </button>
  );
}
