"use client";
// The client half of Puente's forms: a plain <form> posting to a server action (so it works with
// JavaScript off), whose answer shows next to the fields it concerns.
import {
  createContext,
  useActionState,
  useContext,
  useState,
  type ComponentProps,
  type ReactNode,
} from "react";
import { useFormStatus } from "react-dom";
import { useDateInputProps } from "./reader-locale";
import type { FormState } from "./state";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

export const FormStateContext = createContext<FormState>({});
const StateContext = FormStateContext;

export function ActionForm({
  action,
  children,
  className,
  "aria-label": ariaLabel,
}: {
  action: Action;
  children: ReactNode;
  className?: string;
  "aria-label"?: string;
}) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} className={className} aria-label={ariaLabel} noValidate>
      <input type="hidden" name="version" value={state.version ?? 0} />
      <StateContext value={state}>{children}</StateContext>
    </form>
  );
}

/** The form's latest answer, for client pieces that show or hide themselves by it. */
export function useFormAnswer(): FormState {
  return useContext(StateContext);
}

function fieldProps(state: FormState, name: string, hint?: boolean) {
  const error = state.fieldErrors?.[name];
  return {
    "aria-invalid": error ? true : undefined,
    "aria-describedby":
      [hint && `${name}-hint`, error && `${name}-error`].filter(Boolean).join(" ") || undefined,
  } as const;
}

const inputClass = "w-full rounded-md border border-gray-500 bg-white px-3 py-2";

export function Input({
  name,
  hint,
  defaultValue,
  ...rest
}: ComponentProps<"input"> & { name: string; hint?: boolean }) {
  const state = useContext(StateContext);
  const dateProps = useDateInputProps(rest.type);
  return (
    <input
      key={state.version}
      id={name}
      name={name}
      defaultValue={state.values?.[name] ?? defaultValue}
      className={inputClass}
      {...dateProps}
      {...fieldProps(state, name, hint)}
      {...rest}
    />
  );
}

export function Textarea({
  name,
  hint,
  defaultValue,
  ...rest
}: ComponentProps<"textarea"> & { name: string; hint?: boolean }) {
  const state = useContext(StateContext);
  return (
    <textarea
      key={state.version}
      id={name}
      name={name}
      defaultValue={state.values?.[name] ?? defaultValue}
      className={inputClass}
      {...fieldProps(state, name, hint)}
      {...rest}
    />
  );
}

export function Select({
  name,
  hint,
  defaultValue,
  children,
  ...rest
}: ComponentProps<"select"> & { name: string; hint?: boolean }) {
  const state = useContext(StateContext);
  return (
    <select
      key={state.version}
      id={name}
      name={name}
      defaultValue={state.values?.[name] ?? defaultValue}
      className={inputClass}
      {...fieldProps(state, name, hint)}
      {...rest}
    >
      {children}
    </select>
  );
}

export function FieldError({ name }: { name: string }) {
  const errors = useContext(StateContext).fieldErrors?.[name];
  if (!errors?.length) return null;
  return (
    <p id={`${name}-error`} className="text-sm font-medium text-red-800">
      {errors[0]}
    </p>
  );
}

/** The form's overall answer: the refusal's message, or `success` once it worked. */
export function FormMessage({ success }: { success?: string }) {
  const state = useContext(StateContext);
  if (state.ok === false && state.message) {
    return (
      <p role="alert" className="text-sm font-medium text-red-800">
        {state.message}
      </p>
    );
  }
  return (
    <p role="status" className="text-sm text-brand-800">
      {state.ok && success ? success : null}
    </p>
  );
}

export function SubmitButton({
  children,
  pendingLabel,
  variant = "primary",
  ...rest
}: ComponentProps<"button"> & { pendingLabel?: string; variant?: "primary" | "secondary" | "danger" }) {
  const { pending } = useFormStatus();
  const styles = {
    primary: "bg-brand-700 text-white",
    secondary: "border border-brand-700 text-brand-700 bg-white",
    danger: "border border-red-800 text-red-800 bg-white",
  }[variant];
  return (
    <button
      type="submit"
      disabled={pending}
      className={`rounded-md px-3 py-2 font-medium disabled:opacity-60 ${styles}`}
      {...rest}
    >
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}

/**
 * A destructive step: first shows `children` (the button that asks), then, once the server has
 * answered that confirmation is needed, the question with a confirm button and a way back.
 */
export function ConfirmStep({
  question,
  confirmLabel,
  cancelLabel,
  children,
}: {
  question: string;
  confirmLabel: string;
  cancelLabel: string;
  children: ReactNode;
}) {
  const state = useContext(StateContext);
  const [dismissed, setDismissed] = useState<number | undefined>();
  if (!state.confirm || state.version === dismissed) return <>{children}</>;
  return (
    <div role="group" aria-label={question} className="flex flex-wrap items-center gap-2">
      <p className="font-medium">{question}</p>
      <input type="hidden" name="confirmed" value="yes" />
      <SubmitButton variant="danger">{confirmLabel}</SubmitButton>
      <button
        type="button"
        className="rounded-md border px-3 py-2"
        onClick={() => setDismissed(state.version)}
      >
        {cancelLabel}
      </button>
    </div>
  );
}
