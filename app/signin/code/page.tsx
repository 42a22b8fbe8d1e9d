// The second step of signing in by phone: typing the code we texted. A plain form: it works with
// JavaScript off, and the phone's keyboard offers the code from the SMS (one-time-code).
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { signInWithCodeForm } from "../forms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("codeTitle") };
}

/** The errors typing a code comes back with, each explained by the key of the same name. */
const codeErrors = new Set([
  "phoneCodeFormat",
  "phoneCodeWrong",
  "phoneCodeExpired",
  "phoneCodeLocked",
  "phoneCodeMissing",
]);

export default async function SignInCode({
  searchParams,
}: {
  searchParams: Promise<{ to?: string; returnTo?: string; error?: string; left?: string }>;
}) {
  const [t, te, params] = await Promise.all([
    getTranslations("signIn"),
    getTranslations("errors"),
    searchParams,
  ]);
  // Only a masked number ("+52••••••••67") ever travels in the address.
  const to = /^\+?[\d•]{4,20}$/.test(params.to ?? "") ? params.to! : "";
  const returnTo =
    params.returnTo?.startsWith("/") && !params.returnTo.startsWith("//") ? params.returnTo : "/";
  const error = params.error && codeErrors.has(params.error) ? params.error : null;
  return (
    <section className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-bold">{t("codeTitle")}</h1>
      <p>{t("codeLead", { number: to || "…" })}</p>
      <form
        action={signInWithCodeForm}
        className="space-y-3 rounded-lg bg-white p-4 shadow-sm"
        aria-label={t("codeTitle")}
        noValidate
      >
        <input type="hidden" name="returnTo" value={returnTo} />
        <input type="hidden" name="to" value={to} />
        <label htmlFor="code" className="block font-medium">
          {t("code")}
        </label>
        <input
          id="code"
          name="code"
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]*"
          maxLength={12}
          required
          aria-describedby={error ? "code-error" : undefined}
          aria-invalid={error ? true : undefined}
          className="w-full rounded-md border border-gray-400 px-3 py-2 text-xl tracking-widest"
        />
        {error && (
          <p id="code-error" role="alert" className="text-sm font-medium text-red-800">
            {te(error, { left: Math.max(0, Number(params.left) || 0) })}
          </p>
        )}
        <button type="submit" className="w-full rounded-md bg-brand-700 px-4 py-2 font-medium text-white">
          {t("codeSubmit")}
        </button>
      </form>
      <p>
        <Link href="/signin#phone" className="inline-block min-h-11 py-2 text-brand-800 underline">
          {t("otherNumber")}
        </Link>
      </p>
    </section>
  );
}
