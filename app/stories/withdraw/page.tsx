// Withdrawing a story with the code written on paper, when the link is lost: the code leads to the
// same page as the link, which asks before anything happens. A plain GET form: no script needed.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { withdrawalKey } from "@/server/stories/withdrawal-code";

export async function generateMetadata(): Promise<Metadata> {
  return {
    title: (await getTranslations("stories.withdraw"))("codeTitle"),
    robots: { index: false, follow: false },
    referrer: "strict-origin",
  };
}

export default async function WithdrawByCodePage({
  searchParams,
}: {
  searchParams: Promise<{ code?: string | string[] }>;
}) {
  const [{ code }, t, tv] = await Promise.all([
    searchParams,
    getTranslations("stories.withdraw"),
    getTranslations("errors.validation"),
  ]);
  const typed = typeof code === "string" ? code : "";
  const key = typed ? withdrawalKey(typed) : null;
  if (key) redirect(`/stories/withdraw/${key}`);
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-bold">{t("codeTitle")}</h1>
      <p>{t("codeLead")}</p>
      <form method="get" action="/stories/withdraw" className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
        <label htmlFor="code" className="block font-medium">
          {t("codeField")}
        </label>
        <input
          id="code"
          name="code"
          defaultValue={typed}
          required
          maxLength={64}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          aria-invalid={typed ? true : undefined}
          aria-describedby={typed ? "code-error" : undefined}
          className="block min-h-11 w-full rounded-md border border-gray-400 px-3 py-2 font-mono text-lg uppercase"
        />
        {typed && (
          <p id="code-error" role="alert" className="text-sm font-medium text-red-800">
            {tv("withdrawalCode")}
          </p>
        )}
        <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 py-2 font-medium text-white">
          {t("codeSubmit")}
        </button>
      </form>
    </div>
  );
}
