"use client";
// The story form's two states: the fields until the story is sent, then the private withdrawal link.
import type { ReactNode } from "react";
import { useFormAnswer } from "../../_forms/action-form";

export function UntilSent({ children }: { children: ReactNode }) {
  return useFormAnswer().data?.link ? null : <>{children}</>;
}

export function StorySent({
  title,
  body,
  emailed,
  linkLabel,
}: {
  title: string;
  body: string;
  emailed: string;
  linkLabel: string;
}) {
  const data = useFormAnswer().data;
  if (!data?.link) return null;
  return (
    <section
      aria-labelledby="story-sent"
      className="space-y-3 rounded-lg border border-brand-600 bg-white p-4"
    >
      <h2 id="story-sent" className="text-xl font-semibold">
        {title}
      </h2>
      <p>{body}</p>
      <p className="font-medium" id="withdraw-link-label">
        {linkLabel}
      </p>
      <p className="break-all rounded-md bg-brand-50 p-2 font-mono text-sm">
        <a href={data.link} aria-labelledby="withdraw-link-label" className="text-brand-700 underline">
          {data.link}
        </a>
      </p>
      {data.emailed === "yes" && <p className="text-sm">{emailed}</p>}
    </section>
  );
}

/** The consent box, ticked again after a refused submission if it was ticked. */
export function ConsentBox({ label }: { label: string }) {
  const state = useFormAnswer();
  return (
    <label className="flex items-start gap-2 font-medium">
      <input
        key={state.version}
        type="checkbox"
        name="consent"
        value="yes"
        defaultChecked={state.values?.consent === "yes"}
        className="mt-1 h-5 w-5"
        aria-describedby="consent-text"
      />
      <span>{label}</span>
    </label>
  );
}
