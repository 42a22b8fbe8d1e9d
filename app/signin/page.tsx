// Sign-in by an emailed link, or by a code texted to a phone (for people without email, like a
// caravan's delegates). Plain forms: they work with JavaScript off.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { publicOrigin } from "@/server/origin";
import { requestSignInLinkForm } from "../_shell/forms";
import { requestPhoneSignInForm } from "./forms";

/** The errors the phone form comes back with, each explained by the key of the same name. */
const phoneErrors = new Set(["phoneInvalid", "tooManyRequests", "smsUnavailable", "phoneCodeMissing"]);

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("title") };
}

export default async function SignIn({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; callbackUrl?: string; seconds?: string }>;
}) {
  const [t, te, tp, params] = await Promise.all([
    getTranslations("signIn"),
    getTranslations("errors"),
    getTranslations("phone"),
    searchParams,
  ]);
  const invalid = params.error === "email";
  const limited = params.error === "rate";
  const otherHost = params.error === "host";
  const phoneError = params.error && phoneErrors.has(params.error) ? params.error : null;
  return (
    <section className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <h2 className="text-lg font-semibold">{t("emailTitle")}</h2>
      <p>{t("lead")}</p>
      <form
        action={requestSignInLinkForm}
        className="space-y-3 rounded-lg bg-white p-4 shadow-sm"
        aria-label={t("emailTitle")}
        noValidate
      >
        {params.callbackUrl?.startsWith("/") && (
          <input type="hidden" name="returnTo" value={params.callbackUrl} />
        )}
        <label htmlFor="email" className="block font-medium">
          {t("email")}
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          aria-describedby={invalid ? "email-hint email-error" : "email-hint"}
          aria-invalid={invalid || undefined}
          className="w-full rounded-md border border-gray-400 px-3 py-2"
        />
        <p id="email-hint" className="text-sm text-gray-700">
          {t("emailHint")}
        </p>
        {limited && (
          <p role="alert" className="text-sm font-medium text-red-800">
            {te("tooManyRequests", { seconds: Math.max(1, Number(params.seconds) || 60) })}
          </p>
        )}
        {otherHost && (
          <p role="alert" className="text-sm font-medium text-red-800">
            {te("otherHost", { origin: publicOrigin() })}
          </p>
        )}
        {invalid && (
          <p id="email-error" role="alert" className="text-sm font-medium text-red-800">
            {t("invalidEmail")}
          </p>
        )}
        <button type="submit" className="w-full rounded-md bg-brand-700 px-4 py-2 font-medium text-white">
          {t("submit")}
        </button>
      </form>
      <h2 id="phone" className="text-lg font-semibold">
        {t("phoneTitle")}
      </h2>
      <p>{t("phoneLead")}</p>
      <form
        action={requestPhoneSignInForm}
        className="space-y-3 rounded-lg bg-white p-4 shadow-sm"
        aria-label={t("phoneTitle")}
        noValidate
      >
        {params.callbackUrl?.startsWith("/") && (
          <input type="hidden" name="returnTo" value={params.callbackUrl} />
        )}
        <label htmlFor="number" className="block font-medium">
          {t("phone")}
        </label>
        <input
          id="number"
          name="number"
          type="tel"
          autoComplete="tel"
          inputMode="tel"
          required
          maxLength={40}
          aria-describedby={phoneError ? "number-hint number-error" : "number-hint"}
          aria-invalid={phoneError === "phoneInvalid" || undefined}
          className="w-full rounded-md border border-gray-400 px-3 py-2"
        />
        <p id="number-hint" className="text-sm text-gray-700">
          {tp("numberHint")}
        </p>
        {phoneError && (
          <p id="number-error" role="alert" className="text-sm font-medium text-red-800">
            {te(phoneError, { seconds: Math.max(1, Number(params.seconds) || 60) })}
          </p>
        )}
        <button type="submit" className="w-full rounded-md bg-brand-700 px-4 py-2 font-medium text-white">
          {t("phoneSubmit")}
        </button>
      </form>
    </section>
  );
}
