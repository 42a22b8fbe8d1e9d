"use client";
// A checkbox of a form that keeps its tick when the form comes back (after a refusal, or a count),
// with or without JavaScript. The form's action returns the ticked values of `name` joined by
// commas in its state's values (see `listFields` in ./lists.ts).
import type { ReactNode } from "react";
import { useFormAnswer } from "./action-form";

export function Choice({
  name,
  value,
  defaultChecked,
  children,
}: {
  name: string;
  value: string;
  defaultChecked?: boolean;
  children: ReactNode;
}) {
  const state = useFormAnswer();
  const sent = state.values?.[name];
  return (
    <label className="flex items-center gap-2">
      <input
        key={state.version}
        type="checkbox"
        name={name}
        value={value}
        defaultChecked={sent === undefined ? defaultChecked : sent.split(",").includes(value)}
      />
      {children}
    </label>
  );
}
