// Published stories, newest first, each in the reader's language when it has a translation.
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { pageHref, ResultList } from "../_lists/result-list";
import { serverApi } from "../_trpc/server";
import { StoryCard } from "./story-card";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("stories");
  return {
    title: t("title"),
    description: t("lead"),
    openGraph: { title: t("title"), description: t("lead") },
  };
}

type Search = Record<string, string | string[] | undefined>;

const cursor = z.object({ publishedAt: z.coerce.date(), id: z.uuid() });

export default async function StoriesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const [t, tw, api, search] = await Promise.all([
    getTranslations("stories"),
    getTranslations("stories.withdraw"),
    serverApi(),
    searchParams,
  ]);
  const after = cursor.safeParse({ publishedAt: search.after_at, id: search.after_id });
  const { stories, next } = await api.stories.list({ after: after.success ? after.data : undefined });
  return (
    <div className="space-y-5">
      {search.withdrawn === "1" && (
        <p role="status" className="rounded-md bg-brand-100 p-3">
          {tw("done")}
        </p>
      )}
      <div className="flex flex-wrap items-end gap-3">
        <div className="mr-auto">
          <h1 className="text-2xl font-bold">{t("title")}</h1>
          <p className="mt-1">{t("lead")}</p>
        </div>
        <Link href="/stories/new" className="rounded-md bg-brand-700 px-3 py-2 font-medium text-white">
          {t("tell")}
        </Link>
      </div>
      <p className="text-sm">
        <Link href="/stories/withdraw" className="target text-brand-700 underline">
          {tw("codeLink")}
        </Link>
      </p>
      <ResultList
        items={stories}
        label={t("listLabel")}
        empty={t("empty")}
        className="space-y-4"
        more={
          next && {
            href: pageHref("/stories", { after_at: next.publishedAt.toISOString(), after_id: next.id }),
            label: t("more"),
            plain: true,
          }
        }
      >
        {(story) => <StoryCard story={story} />}
      </ResultList>
    </div>
  );
}
