// A form's labelled fields: the label, the control, its hint and its error, tied together by the
// field's name (htmlFor, `<name>-hint`, `<name>-error`, aria-describedby and aria-invalid).
import type { ComponentProps, ReactNode } from "react";
import { FieldError, Input, Select, Textarea } from "./action-form";

interface FieldProps {
  name: string;
  label: ReactNode;
  /** Shown under the control and read with it. */
  hint?: ReactNode;
  /** The control is described by a hint shown elsewhere (one hint above several fields). */
  hintAbove?: boolean;
  /** Extra classes for the field's box (its place in a grid). */
  className?: string;
}

function Field({ name, label, hint, className, children }: FieldProps & { children: ReactNode }) {
  return (
    <div className={className ? `${className} space-y-1` : "space-y-1"}>
      <label htmlFor={name} className="block font-medium">
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${name}-hint`} className="text-sm text-gray-700">
          {hint}
        </p>
      )}
      <FieldError name={name} />
    </div>
  );
}

type Control<C extends "input" | "select" | "textarea"> = Omit<ComponentProps<C>, "name" | "className">;

export function TextField({
  name,
  label,
  hint,
  hintAbove,
  className,
  controlClassName,
  ...input
}: FieldProps & Control<"input"> & { controlClassName?: string }) {
  return (
    <Field name={name} label={label} hint={hint} className={className}>
      <Input
        name={name}
        hint={Boolean(hint) || hintAbove}
        {...(controlClassName && { className: controlClassName })}
        {...input}
      />
    </Field>
  );
}

export function TextAreaField({
  name,
  label,
  hint,
  hintAbove,
  className,
  ...textarea
}: FieldProps & Control<"textarea">) {
  return (
    <Field name={name} label={label} hint={hint} className={className}>
      <Textarea name={name} hint={Boolean(hint) || hintAbove} {...textarea} />
    </Field>
  );
}

/** A choice among `children` (its <option>s). */
export function SelectField({
  name,
  label,
  hint,
  className,
  children,
  ...select
}: Omit<FieldProps, "hintAbove"> & Control<"select">) {
  return (
    <Field name={name} label={label} hint={hint} className={className}>
      <Select name={name} hint={Boolean(hint)} {...select}>
        {children}
      </Select>
    </Field>
  );
}
