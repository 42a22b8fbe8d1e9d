"use client";
// The story form's two states: the fields until the story is sent, then the private withdrawal link.
import { useState, useSyncExternalStore, type ReactNode } from "react";
import { useFormAnswer } from "../../_forms/action-form";

const noSubscription = () => () => {};

export function UntilSent({ children }: { children: ReactNode }) {
  return useFormAnswer().data?.link ? null : <>{children}</>;
}

export function StorySent({
  title,
  body,
  emailed,
  linkLabel,
  codeLabel,
  once,
  copy,
  copied,
  share,
}: {
  title: string;
  body: string;
  emailed: string;
  linkLabel: string;
  codeLabel: string;
  once: string;
  copy: string;
  copied: string;
  share: string;
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
      <p className="rounded-md border-2 border-red-800 p-2 font-medium text-red-800">{once}</p>
      <p className="font-medium" id="withdraw-code-label">
        {codeLabel}
      </p>
      <p
        aria-labelledby="withdraw-code-label"
        className="rounded-md bg-brand-50 p-3 text-center font-mono text-2xl font-bold tracking-wider"
      >
        {data.code}
      </p>
      <p className="font-medium" id="withdraw-link-label">
        {linkLabel}
      </p>
      <p className="break-all rounded-md bg-brand-50 p-2 font-mono text-sm">
        <a href={data.link} aria-labelledby="withdraw-link-label" className="text-brand-700 underline">
          {data.link}
        </a>
      </p>
      <KeepLink link={data.link} copy={copy} copied={copied} share={share} />
      {data.emailed === "yes" && <p className="text-sm">{emailed}</p>}
    </section>
  );
}

/** Copy and share, where the phone can: shown only once scripts run, as they need them. */
function KeepLink({
  link,
  copy,
  copied,
  share,
}: {
  link: string;
  copy: string;
  copied: string;
  share: string;
}) {
  // False while rendered on the server (a page without scripts), true in the browser.
  const scripted = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [done, setDone] = useState(false);
  if (!scripted) return null;
  return (
    <div className="flex flex-wrap items-center gap-3">
      {"clipboard" in navigator && (
        <button
          type="button"
          className="min-h-11 rounded-md border border-brand-700 bg-white px-4 py-2 font-medium text-brand-700"
          onClick={() =>
            navigator.clipboard.writeText(link).then(
              () => setDone(true),
              () => {},
            )
          }
        >
          {copy}
        </button>
      )}
      {"share" in navigator && (
        <button
          type="button"
          className="min-h-11 rounded-md border border-brand-700 bg-white px-4 py-2 font-medium text-brand-700"
          onClick={() => navigator.share({ url: link }).catch(() => {})}
        >
          {share}
        </button>
      )}
      <span role="status" className="text-sm text-brand-800">
        {done ? copied : ""}
      </span>
    </div>
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
