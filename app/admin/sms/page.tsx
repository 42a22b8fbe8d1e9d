// Text messages, for admins: the volume per group per day against the daily cap, and the texts
// that matched no thread (from numbers nobody verified, or from people with no recent message to
// answer). Read here; nothing is sent back from this page.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { currentSession } from "@/server/auth";
import { serverApi } from "../../_trpc/server";
import { VolumeTable } from "./volume-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("smsAdmin"))("title"), robots: { index: false } };
}

export default async function SmsAdminPage() {
  if (!(await currentSession())?.user?.isAdmin) notFound();
  const [api, t, format] = await Promise.all([serverApi(), getTranslations("smsAdmin"), getFormatter()]);
  const [volume, texts] = await Promise.all([api.sms.volume(), api.sms.unmatched()]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <VolumeTable volume={volume} />
      <section aria-labelledby="sms-unmatched" className="space-y-2">
        <h2 id="sms-unmatched" className="text-xl font-semibold">
          {t("unmatchedTitle")}
        </h2>
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
      </section>
    </div>
  );
}
