"use client";
// A checkbox of the compose form that keeps its tick when the form comes back (after counting
// the recipients, or a refusal), with or without JavaScript.
import type { ReactNode } from "react";
import { useFormAnswer } from "../../_forms/action-form";

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

/** How many people the message will reach, once the form has counted them. */
export function Reach() {
  const reach = useFormAnswer().data?.reach;
  return (
    <p role="status" className="font-medium text-brand-800">
      {reach}
    </p>
  );
}
