// One published story, in the reader's language when it has a translation, the other a tap away.
// Its link preview carries the story's words and chosen name, nothing more.
import type { Metadata } from "next";
import { cache } from "react";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { Locale } from "@/server/i18n/locale";
import { orNotFound, serverApi } from "../../_trpc/server";
import { excerpt, readingOf } from "../reading";
import { StoryFacts } from "../story-card";

type Params = Promise<{ id: string }>;

// generateMetadata and the page both read the story: once per request.
const byId = cache(async (storyId: string) => orNotFound((await serverApi()).stories.byId({ storyId })));
const load = async (params: Params) => byId((await params).id);

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const [story, t, tc, locale] = await Promise.all([
    load(params),
    getTranslations("stories"),
    getTranslations("countries"),
    getLocale(),
  ]);
  const title = t("heading", { pseudonym: story.pseudonym, country: tc(story.country) });
  const description = excerpt(readingOf(story, locale as Locale).text, 160);
  return {
    title,
    description,
    openGraph: { title, description, type: "article", siteName: "Puente" },
    twitter: { card: "summary", title, description },
  };
}

export default async function StoryPage({ params }: { params: Params }) {
  const [story, t, tc, tl, locale] = await Promise.all([
    load(params),
    getTranslations("stories"),
    getTranslations("countries"),
    getTranslations("languages"),
    getLocale(),
  ]);
  const reading = readingOf(story, locale as Locale);
  return (
    <article className="space-y-4">
      <Link href="/stories" className="text-sm text-brand-700 underline">
        {t("back")}
      </Link>
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">
          {t("heading", { pseudonym: story.pseudonym, country: tc(story.country) })}
        </h1>
        <StoryFacts story={story} />
      </header>
      {reading.onlyInOther && (
        <p className="text-sm text-gray-700">{t("onlyIn", { language: tl(reading.language) })}</p>
      )}
      <div lang={reading.language} className="whitespace-pre-line text-lg leading-relaxed">
        {reading.text}
      </div>
      {reading.translated && <p className="text-sm text-gray-700">{t("translated")}</p>}
      {reading.alternative && (
        <details className="rounded-md bg-white p-3">
          <summary className="cursor-pointer font-medium text-brand-700">
            {reading.translated
              ? t("readOriginal", { language: tl(reading.alternative.language) })
              : t("readOther", { language: tl(reading.alternative.language) })}
          </summary>
          <div lang={reading.alternative.language} className="mt-2 whitespace-pre-line">
            {reading.alternative.text}
          </div>
        </details>
      )}
    </article>
  );
}
