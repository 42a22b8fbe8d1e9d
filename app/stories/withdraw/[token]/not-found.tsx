// A withdrawal link that matches no story: forged, mistyped, or cut short by a mail program.
import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function UnknownWithdrawalLink() {
  const t = await getTranslations("stories.withdraw");
  return (
    <section className="space-y-3">
      <h1 className="text-2xl font-bold">{t("invalid")}</h1>
      <Link href="/stories" className="text-brand-700 underline">
        {t("home")}
      </Link>
    </section>
  );
}
