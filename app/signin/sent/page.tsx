import { getTranslations } from "next-intl/server";

export default async function SignInSent() {
  const t = await getTranslations("signIn");
  return (
    <section className="mx-auto max-w-md space-y-3" aria-live="polite">
      <h1 className="text-2xl font-bold">{t("sentTitle")}</h1>
      <p>{t("sentBody")}</p>
    </section>
  );
}
