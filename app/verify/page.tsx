// /verify: is this forwarded announcement really Puente's? A pasted text or a QR code is checked
// on the phone (offline too, ./checker.tsx); a short code is looked up here, with a plain GET form.
import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { TRPCError } from "@trpc/server";
import type { Locale } from "@/server/i18n/locale";
import { serverApi } from "../_trpc/server";
import { Checker, type CheckerLabels } from "./checker";
import { CheckResultView } from "./result";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("verify"))("title"), referrer: "no-referrer" };
}

const LABELS = [
  "genuine",
  "retired",
  "notGenuine",
  "forged",
  "unknownKey",
  "unreadable",
  "saidEs",
  "saidEn",
  "forwardedText",
  "genuineText",
  "pasteHeading",
  "pasteLabel",
  "check",
  "scanHeading",
  "scanCamera",
  "scanStop",
  "scanPhoto",
  "scanNoScript",
  "scanNothing",
  "cameraRefused",
  "offlineChecked",
] as const;

export default async function VerifyPage({
  searchParams,
}: {
  searchParams: Promise<{ code?: string | string[] }>;
}) {
  const [{ code }, t, locale, timeZone, api] = await Promise.all([
    searchParams,
    getTranslations("verify"),
    getLocale() as Promise<Locale>,
    getTimeZone(),
    serverApi(),
  ]);
  const keys = await api.signing.keys();
  const active = keys.find((k) => k.retiredAt === null);
  const typed = typeof code === "string" ? code.slice(0, 40) : "";
  let found: Awaited<ReturnType<typeof api.signing.byCode>> = null;
  let codeError: string | null = null;
  if (typed) {
    try {
      found = await api.signing.byCode({ code: typed });
      if (!found) codeError = t("codeUnknown");
    } catch (error) {
      if (!(error instanceof TRPCError)) throw error;
      codeError = (await getTranslations("errors"))("verificationCode");
    }
  }
  const labels = Object.fromEntries(
    LABELS.map((key) => [key, t.raw(key) as string]),
  ) as unknown as CheckerLabels;
  const words = (keyId: string | null) => keys.find((k) => k.id === keyId)?.words[locale].join(" · ") ?? null;
  const date = (at: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short", timeZone }).format(new Date(at));

  return (
    <div className="mx-auto max-w-xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p>{t("lead")}</p>
        {active && (
          <p className="rounded-md bg-white p-3 shadow-sm">
            <span className="font-medium">
              {t("fingerprint", { words: active.words[locale].join(" · ") })}
            </span>
            <br />
            <span className="text-sm text-gray-700">{t("fingerprintHelp")}</span>{" "}
            <Link
              href="/.well-known/puente-key"
              className="text-sm text-brand-700 underline"
              prefetch={false}
            >
              {t("keysLink")}
            </Link>
          </p>
        )}
      </header>

      <Checker keys={keys} locale={locale} timeZone={timeZone} labels={labels} />

      <section className="space-y-3 rounded-lg bg-white p-4 shadow-sm" aria-labelledby="code-heading">
        <h2 id="code-heading" className="text-lg font-semibold">
          {t("codeHeading")}
        </h2>
        <form method="get" action="/verify" className="space-y-3">
          <label htmlFor="code" className="block font-medium">
            {t("codeLabel")}
          </label>
          <input
            id="code"
            name="code"
            defaultValue={typed}
            required
            maxLength={40}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            aria-describedby="code-hint"
            aria-invalid={codeError ? true : undefined}
            className="block min-h-11 w-full rounded-md border border-gray-400 px-3 py-2 font-mono text-lg uppercase"
          />
          <p id="code-hint" className="text-sm text-gray-700">
            {t("codeHint")}
          </p>
          {codeError && (
            <p role="alert" className="text-sm font-medium text-red-800">
              {codeError}
            </p>
          )}
          <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 py-2 font-medium text-white">
            {t("find")}
          </button>
        </form>
        {found && (
          <div aria-live="polite">
            <CheckResultView
              result={found}
              labels={labels}
              words={words(found.keyId)}
              date={found.statement ? date(found.statement.at) : null}
            />
          </div>
        )}
      </section>
    </div>
  );
}
