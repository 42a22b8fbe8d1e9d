// The teller's private withdrawal link. Opening it changes nothing: it asks first, and only the
// confirmation (a POST) takes the story down, from every page at once.
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { ActionForm, FormMessage, SubmitButton } from "../../../_forms/action-form";
import { orNotFound, serverApi } from "../../../_trpc/server";
import { withdrawStoryForm } from "../../forms";

type Params = Promise<{ token: string }>;

/** The story behind the link; an unknown link is "not found" before anything is sent. */
const load = cache(async (token: string) => orNotFound((await serverApi()).stories.withdrawal({ token })));

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  await load((await params).token);
  // The address holds a secret: keep it out of search engines and referrers.
  return {
    title: (await getTranslations("stories.withdraw"))("title"),
    robots: { index: false, follow: false },
    // Links from here tell the next page only the site, never this address (not "no-referrer":
    // that would send `Origin: null` with the form post, which Next refuses).
    referrer: "strict-origin",
  };
}

export default async function WithdrawStoryPage({ params }: { params: Params }) {
  const [{ token }, t] = await Promise.all([params, getTranslations("stories.withdraw")]);
  const story = await load(token);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      {story.withdrawn ? (
        <p role="status" className="rounded-lg bg-white p-4">
          {t("already")}
        </p>
      ) : (
        <ActionForm action={withdrawStoryForm} className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
          <input type="hidden" name="token" value={token} />
          <p className="font-medium">{t("question", { pseudonym: story.pseudonym ?? "" })}</p>
          {!story.published && <p>{t("notYetPublished")}</p>}
          <div className="flex flex-wrap items-center gap-3">
            <SubmitButton variant="danger">{t("confirm")}</SubmitButton>
            <FormMessage />
          </div>
        </ActionForm>
      )}
      <Link href="/stories" className="inline-block text-brand-700 underline">
        {t("home")}
      </Link>
    </div>
  );
}
