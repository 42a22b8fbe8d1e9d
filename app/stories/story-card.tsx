// A published story in a list: who tells it (as they chose to be named), from where, and its opening.
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { AgeRange, Country } from "@/db/schema";
import type { Locale } from "@/server/i18n/locale";
import { excerpt, readingOf } from "./reading";

export interface PublicStory {
  id: string;
  pseudonym: string;
  country: Country;
  ageRange: AgeRange | null;
  caravanName: string | null;
  textEs: string | null;
  textEn: string | null;
  translatedInto: Locale | null;
  publishedAt: Date | null;
}

/** "Honduras · age 25 to 34 · travelling with …": the story's public facts in one line. */
export async function StoryFacts({ story }: { story: PublicStory }) {
  const [t, ta, format] = await Promise.all([
    getTranslations("stories"),
    getTranslations("ageRanges"),
    getFormatter(),
  ]);
  const facts = [
    story.ageRange && t("age", { range: ta(story.ageRange) }),
    story.caravanName && t("caravan", { caravan: story.caravanName }),
    story.publishedAt && t("published", { date: format.dateTime(story.publishedAt, { dateStyle: "long" }) }),
  ].filter(Boolean);
  return <p className="text-sm text-gray-700">{facts.join(" · ")}</p>;
}

export async function StoryCard({ story, headingLevel = 2 }: { story: PublicStory; headingLevel?: 2 | 3 }) {
  const [t, tc, locale] = await Promise.all([
    getTranslations("stories"),
    getTranslations("countries"),
    getLocale(),
  ]);
  const reading = readingOf(story, locale as Locale);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const title = t("heading", { pseudonym: story.pseudonym, country: tc(story.country) });
  return (
    <article className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
      <Heading className="text-lg font-semibold">
        <Link href={`/stories/${story.id}`} className="text-brand-700 underline">
          {title}
        </Link>
      </Heading>
      <StoryFacts story={story} />
      <p lang={reading.language} className="whitespace-pre-line">
        {excerpt(reading.text, 280)}
      </p>
      <Link href={`/stories/${story.id}`} className="text-sm font-medium text-brand-700 underline">
        {t("readMore", { pseudonym: story.pseudonym })}
      </Link>
    </article>
  );
}
