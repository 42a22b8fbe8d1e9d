// The landing page: what Puente is, in the reader's language. Signed-in people are sent to their
// home (/home), from the server: no script, and nothing more for anyone signed out.
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentSession } from "@/server/auth";
import { ActionList } from "./actions/action-list";
import { serverApi } from "./_trpc/server";
import { StoryCard } from "./stories/story-card";

export default async function Home() {
  const [t, ta, tc, session, api] = await Promise.all([
    getTranslations("home"),
    getTranslations("actions"),
    getTranslations("crossings"),
    currentSession(),
    serverApi(),
  ]);
  if (session?.user) redirect("/home");
  const [upcoming, { stories }, chosen] = await Promise.all([
    api.actions.list({}).then((list) => list.actions.slice(0, 4)),
    api.stories.list({ limit: 3 }),
    api.meetingPoints.chosen(),
  ]);
  const asks = [1, 2, 3] as const;
  return (
    <div className="space-y-8">
      <section className="space-y-3">
        <p className="text-sm font-medium uppercase tracking-wide text-brand-700">{t("eyebrow")}</p>
        <h1 className="text-3xl font-bold leading-tight text-brand-800">{t("title")}</h1>
        <p className="text-lg">{t("lead")}</p>
        <div className="flex flex-wrap gap-3 pt-2">
          <Link href="/groups" className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white">
            {t("ctaGroups")}
          </Link>
          <Link
            href="/signin"
            className="rounded-md border border-brand-700 px-4 py-2 font-medium text-brand-700"
          >
            {t("ctaSignIn")}
          </Link>
        </div>
      </section>
      {chosen && (
        <section aria-labelledby="chosen" className="rounded-lg border-2 border-amber-700 bg-white p-4">
          <h2 id="chosen" className="text-xl font-semibold">
            ★ {t("chosenTitle")}
          </h2>
          <p className="mt-1">{t("chosenLead", { name: chosen.name, crossing: tc(chosen.crossing) })}</p>
          <Link
            href={`/meeting-points/${chosen.id}`}
            className="mt-2 inline-block font-medium text-brand-700 underline"
          >
            {t("chosenLink")}
          </Link>
        </section>
      )}
      <section aria-labelledby="asks" className="space-y-3">
        <h2 id="asks" className="text-xl font-semibold">
          {t("asksTitle")}
        </h2>
        <ol className="grid gap-3 sm:grid-cols-3">
          {asks.map((n) => (
            <li key={n} className="rounded-lg bg-white p-4 shadow-sm">
              <h3 className="font-semibold text-brand-800">{t(`ask${n}Title`)}</h3>
              <p className="mt-1 text-sm">{t(`ask${n}`)}</p>
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="upcoming" className="space-y-2">
        <h2 id="upcoming" className="text-xl font-semibold">
          <Link href="/actions" className="underline-offset-2 hover:underline">
            {t("upcomingTitle")}
          </Link>
        </h2>
        <ActionList actions={upcoming} emptyText={ta("empty")} />
      </section>
      <section aria-labelledby="stories" className="space-y-3">
        <h2 id="stories" className="text-xl font-semibold">
          {t("storiesTitle")}
        </h2>
        {stories.length > 0 && (
          <ul className="space-y-3">
            {stories.map((story) => (
              <li key={story.id}>
                <StoryCard story={story} headingLevel={3} />
              </li>
            ))}
          </ul>
        )}
        <div className="flex flex-wrap gap-4">
          {stories.length > 0 && (
            <Link href="/stories" className="font-medium text-brand-700 underline">
              {t("allStories")}
            </Link>
          )}
          <Link href="/stories/new" className="font-medium text-brand-700 underline">
            {t("tellStory")}
          </Link>
        </div>
      </section>
      <section className="grid gap-4 sm:grid-cols-2">
        <div>
          <h2 className="text-lg font-semibold">{t("whoTitle")}</h2>
          <p className="mt-1">{t("who")}</p>
        </div>
        <div>
          <h2 className="text-lg font-semibold">{t("privacyTitle")}</h2>
          <p className="mt-1">{t("privacy")}</p>
        </div>
      </section>
    </div>
  );
}
