// A labelled form field with its error below it, for the caravan and needs forms.
import type { ReactNode } from "react";
import { FieldError } from "../_forms/action-form";

export function Field({
  name,
  label,
  hint,
  children,
}: {
  name: string;
  label: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block font-medium">
        {label}
      </label>
      {hint && (
        <p id={`${name}-hint`} className="text-sm text-gray-700">
          {hint}
        </p>
      )}
      {children}
      <FieldError name={name} />
    </div>
  );
}
