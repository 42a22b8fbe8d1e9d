import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function SignInError() {
  const t = await getTranslations("signIn");
  return (
    <section className="mx-auto max-w-md space-y-3">
      <h1 className="text-2xl font-bold">{t("errorTitle")}</h1>
      <p>{t("errorBody")}</p>
      <Link href="/signin" className="inline-block rounded-md bg-brand-700 px-4 py-2 font-medium text-white">
        {t("tryAgain")}
      </Link>
    </section>
  );
}
