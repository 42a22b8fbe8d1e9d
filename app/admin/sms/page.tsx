// Texts that matched no thread, for admins: from numbers nobody verified, or from people with no
// recent message to answer. Read here; nothing is sent back from this page.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { currentSession } from "@/server/auth";
import { serverApi } from "../../_trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("smsAdmin"))("title"), robots: { index: false } };
}

export default async function UnmatchedTextsPage() {
  if (!(await currentSession())?.user?.isAdmin) notFound();
  const [api, t, format] = await Promise.all([serverApi(), getTranslations("smsAdmin"), getFormatter()]);
  const texts = await api.sms.unmatched();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p>{t("lead")}</p>
      {texts.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <ol className="space-y-2">
          {texts.map((text) => (
            <li key={text.id} className="space-y-1 rounded-lg bg-white p-3 shadow-sm">
              <p className="text-sm text-gray-700">
                {t("from")} <span className="font-medium">{text.fromE164}</span>
                {text.known && ` (${t("knownNumber")})`} ·{" "}
                {format.dateTime(text.receivedAt, { dateStyle: "medium", timeStyle: "short" })}
              </p>
              <p className="break-words whitespace-pre-wrap">{text.body}</p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
