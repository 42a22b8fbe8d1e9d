// A group's public page.
import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { orNotFound, serverApi } from "../../_trpc/server";

type Params = Promise<{ slug: string }>;

async function load(params: Params) {
  const [{ slug }, api] = await Promise.all([params, serverApi()]);
  return orNotFound(api.groups.bySlug({ slug }));
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const group = await load(params);
  return { title: group.name };
}

export default async function GroupPage({ params }: { params: Params }) {
  const [group, t, tk, tc, locale] = await Promise.all([
    load(params),
    getTranslations("groups"),
    getTranslations("groupKinds"),
    getTranslations("countries"),
    getLocale(),
  ]);
  const description =
    (locale === "es" ? group.descriptionEs : group.descriptionEn) ||
    group.descriptionEs ||
    group.descriptionEn;
  return (
    <article className="space-y-4">
      <Link href="/groups" className="text-sm text-brand-700 underline">
        {t("backToDirectory")}
      </Link>
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{group.name}</h1>
        <p className="text-sm text-gray-700">
          {tk(group.kind)} · {t("where", { city: group.city, region: group.region })} · {tc(group.country)}
        </p>
        <p className={group.verified ? "text-sm font-medium text-brand-700" : "text-sm text-gray-700"}>
          {group.verified ? `✓ ${t("verified")}` : t("unverified")}
        </p>
      </header>
      {description && (
        <section aria-labelledby="about">
          <h2 id="about" className="font-semibold">
            {t("about")}
          </h2>
          <p className="whitespace-pre-line">{description}</p>
        </section>
      )}
      {group.contact && (
        <section aria-labelledby="contact">
          <h2 id="contact" className="font-semibold">
            {t("contact")}
          </h2>
          <p className="break-words">{group.contact}</p>
        </section>
      )}
    </article>
  );
}
