// Story review: reviewers (admins, coordinators of verified groups) edit out identifying details,
// add a translation, then publish or decline each story waiting in the queue.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { currentSession } from "@/server/auth";
import { STORY_MAX_LENGTH } from "@/server/stories/inputs";
import {
  ActionForm,
  ConfirmStep,
  FieldError,
  FormMessage,
  Input,
  SubmitButton,
  Textarea,
} from "../../_forms/action-form";
import { orNotFound, serverApi } from "../../_trpc/server";
import { declineStoryForm, reviewStoryForm } from "../../stories/forms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("stories.review"))("title"), robots: { index: false } };
}

export default async function StoryReviewPage() {
  if (!(await currentSession())?.user) notFound();
  const [api, t, tc, ta, tl, format] = await Promise.all([
    serverApi(),
    getTranslations("stories.review"),
    getTranslations("countries"),
    getTranslations("ageRanges"),
    getTranslations("languages"),
    getFormatter(),
  ]);
  const queue = await orNotFound(api.stories.queue());
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p>{t("lead")}</p>
      {queue.length === 0 ? (
        <p role="status" className="rounded-lg bg-white p-4">
          {t("empty")}
        </p>
      ) : (
        <ul className="space-y-6">
          {queue.map((story) => {
            const id = (name: string) => `${name}-${story.id}`;
            const label = (name: string, text: string) => (
              <label htmlFor={id(name)} className="block text-sm font-medium">
                {text}
              </label>
            );
            const originals = [
              { language: "es" as const, text: story.originalEs },
              { language: "en" as const, text: story.originalEn },
            ].filter((o) => o.text);
            return (
              <li key={story.id} className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
                <h2 className="text-lg font-semibold">
                  {story.pseudonym} · {tc(story.country)}
                </h2>
                <p className="text-sm text-gray-700">
                  {[
                    story.ageRange && ta(story.ageRange),
                    story.caravanName,
                    t("sentOn", { date: format.dateTime(story.submittedAt, { dateStyle: "medium" }) }),
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
                <details className="rounded-md bg-brand-50 p-3 text-sm">
                  <summary className="cursor-pointer font-medium">{t("original")}</summary>
                  {originals.map((original) => (
                    <div key={original.language} className="mt-2">
                      <p className="font-medium">{tl(original.language)}</p>
                      <p lang={original.language} className="whitespace-pre-line">
                        {original.text}
                      </p>
                    </div>
                  ))}
                </details>
                <ActionForm action={reviewStoryForm} className="space-y-3" aria-label={story.pseudonym}>
                  <input type="hidden" name="storyId" value={story.id} />
                  <div className="grid gap-3 sm:grid-cols-2">
                    <div className="space-y-1">
                      {label("pseudonym", t("pseudonym"))}
                      <Input
                        id={id("pseudonym")}
                        name="pseudonym"
                        defaultValue={story.pseudonym}
                        maxLength={60}
                      />
                      <FieldError name="pseudonym" />
                    </div>
                    <div className="space-y-1">
                      {label("caravanName", t("caravan"))}
                      <Input
                        id={id("caravanName")}
                        name="caravanName"
                        defaultValue={story.caravanName ?? ""}
                        maxLength={100}
                      />
                      <FieldError name="caravanName" />
                    </div>
                  </div>
                  <div className="space-y-1">
                    {label("textEs", t("textEs"))}
                    <Textarea
                      id={id("textEs")}
                      name="textEs"
                      lang="es"
                      rows={6}
                      maxLength={STORY_MAX_LENGTH}
                      defaultValue={story.textEs ?? ""}
                    />
                    <FieldError name="textEs" />
                  </div>
                  <div className="space-y-1">
                    {label("textEn", t("textEn"))}
                    <Textarea
                      id={id("textEn")}
                      name="textEn"
                      lang="en"
                      rows={6}
                      maxLength={STORY_MAX_LENGTH}
                      defaultValue={story.textEn ?? ""}
                    />
                    <FieldError name="textEn" />
                  </div>
                  <div className="flex flex-wrap items-center gap-2">
                    <SubmitButton name="decision" value="publish">
                      {t("publish")}
                    </SubmitButton>
                    <SubmitButton name="decision" value="save" variant="secondary">
                      {t("save")}
                    </SubmitButton>
                    <FormMessage success={t("saved")} />
                  </div>
                </ActionForm>
                <ActionForm action={declineStoryForm} aria-label={`${t("decline")}: ${story.pseudonym}`}>
                  <input type="hidden" name="storyId" value={story.id} />
                  <ConfirmStep
                    question={t("declineQuestion")}
                    confirmLabel={t("yesDecline")}
                    cancelLabel={t("cancel")}
                  >
                    <SubmitButton variant="danger">{t("decline")}</SubmitButton>
                  </ConfirmStep>
                  <FormMessage />
                </ActionForm>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
