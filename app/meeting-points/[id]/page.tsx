// One meeting point: where it is (on the map), what it offers, what people say about it, for its
// group's organizers a link to edit it, and, for the decision's coordinators, shortlisting or
// rejecting it. What gathers there (actions, caravans expected) comes first on the chosen point,
// after the details on the others.
import type { Metadata } from "next";
import { cache } from "react";
import Link from "next/link";
import { SafetyChecklistList } from "../safety-checklist";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { currentSession } from "@/server/auth";
import { ActionForm, FieldError, FormMessage, Input, SubmitButton, Textarea } from "../../_forms/action-form";
import { orNotFound, serverApi } from "../../_trpc/server";
import { commentForm, rejectForm, shortlistForm } from "../forms";
import { BorderMap } from "../border-map";
import { Gathering } from "./gathering";
import { SignedBadge } from "../../_shell/signed-badge";

type Params = Promise<{ id: string }>;

// generateMetadata and the page both read it: once per request.
const byId = cache(async (meetingPointId: string) =>
  orNotFound((await serverApi()).meetingPoints.get({ meetingPointId })),
);
const load = async (params: Params) => byId((await params).id);

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: (await load(params)).name };
}

export default async function MeetingPointPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Promise<{ edited?: string }>;
}) {
  const [point, t, te, tc, locale, format, session, { edited }] = await Promise.all([
    load(params),
    getTranslations("meetingPoints"),
    getTranslations("proposalEdit"),
    getTranslations("crossings"),
    getLocale(),
    getFormatter(),
    currentSession(),
    searchParams,
  ]);
  const inMyLanguage = (es: string, en: string) => (locale === "es" ? es || en : en || es);
  const facilities = inMyLanguage(point.facilitiesEs, point.facilitiesEn);
  const safety = inMyLanguage(point.safetyNotesEs, point.safetyNotesEn);
  return (
    <article className="space-y-5">
      <header className="space-y-1">
        <p
          className={`text-sm font-semibold ${point.status === "chosen" ? "text-amber-800" : "text-brand-700"}`}
        >
          {point.status === "chosen" ? `★ ${t("status.chosen")}` : t(`status.${point.status}`)}
        </p>
        <h1 className="text-2xl font-bold">{point.name}</h1>
        <p className="text-sm text-gray-700">
          <Link href={`/groups/${point.groupSlug}`} className="target underline">
            {t("proposedBy", { group: point.groupName })}
          </Link>
        </p>
        {point.editing && !point.editing.locked && (
          <p>
            <Link href={`/meeting-points/${point.id}/edit`} className="text-brand-700 underline">
              {te("link")}
            </Link>
          </p>
        )}
      </header>
      {point.status === "chosen" && <SignedBadge subject="meetingPoint" id={point.id} />}
      {edited === "1" && (
        <p role="status" className="rounded-md bg-white p-3 font-medium text-brand-800">
          {te("saved")}
        </p>
      )}
      {point.status === "chosen" && (
        <p role="status" className="rounded-md border-2 border-amber-700 bg-white p-3 font-medium">
          {t("chosenNotice")}
        </p>
      )}
      {point.status === "chosen" && <Gathering actions={point.actions} arrivals={point.arrivals} prominent />}
      <BorderMap points={[point]} titleId="point-map" />
      <dl className="grid gap-2 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-[auto_1fr] sm:gap-x-4">
        <dt className="font-semibold">{t("fieldCrossing")}</dt>
        <dd>
          {tc(point.crossing)} · {t(`side.${point.side}`)}
        </dd>
        <dt className="font-semibold">{t("position")}</dt>
        <dd>
          {point.latitude.toFixed(2)}, {point.longitude.toFixed(2)}
        </dd>
        <dt className="font-semibold">{t("fieldCapacity")}</dt>
        <dd>{t("capacityOf", { capacity: point.capacity })}</dd>
        <dt className="font-semibold">{t("fieldLegalObservers")}</dt>
        <dd>{point.legalObservers ? t("yes") : t("no")}</dd>
        {facilities && (
          <>
            <dt className="font-semibold">{t("facilities")}</dt>
            <dd className="whitespace-pre-line">{facilities}</dd>
          </>
        )}
        {safety && (
          <>
            <dt className="font-semibold">{t("safety")}</dt>
            <dd className="whitespace-pre-line">{safety}</dd>
          </>
        )}
      </dl>
      <SafetyChecklistList checklist={point.safetyChecklist} />
      {point.status !== "chosen" && (
        <Gathering actions={point.actions} arrivals={point.arrivals} prominent={false} />
      )}
      {point.status === "rejected" && point.reviewNote && (
        <p className="rounded-lg bg-white p-4 shadow-sm">
          <span className="font-semibold">{t("reviewNote")}:</span> {point.reviewNote}
        </p>
      )}

      {point.canReview && point.status !== "chosen" && (
        <section
          aria-labelledby="review"
          className="space-y-3 rounded-lg border border-brand-100 bg-white p-4"
        >
          <h2 id="review" className="text-lg font-semibold">
            {t("reviewTitle")}
          </h2>
          {point.status !== "shortlisted" && (
            <ActionForm action={shortlistForm}>
              <input type="hidden" name="meetingPointId" value={point.id} />
              <SubmitButton>{t("shortlist")}</SubmitButton>
              <FormMessage success={t("shortlisted")} />
            </ActionForm>
          )}
          {point.status !== "rejected" && (
            <ActionForm action={rejectForm} className="space-y-2">
              <input type="hidden" name="meetingPointId" value={point.id} />
              <label htmlFor="note" className="block font-medium">
                {t("rejectNote")}
              </label>
              <Input name="note" maxLength={500} required />
              <FieldError name="note" />
              <SubmitButton variant="danger">{t("reject")}</SubmitButton>
              <FormMessage />
            </ActionForm>
          )}
        </section>
      )}

      <section aria-labelledby="comments" className="space-y-3">
        <h2 id="comments" className="text-xl font-semibold">
          {t("commentsTitle")}
        </h2>
        {point.comments.length === 0 && <p>{t("noComments")}</p>}
        <ul className="space-y-2">
          {point.comments.map((c) => (
            <li key={c.id} className="rounded-lg bg-white p-3 shadow-sm">
              <p className="whitespace-pre-line">{c.body}</p>
              <p className="text-sm text-gray-700">
                {c.authorName ?? t("someone")} · {format.dateTime(c.createdAt, { dateStyle: "medium" })}
              </p>
            </li>
          ))}
        </ul>
        {session?.user ? (
          <ActionForm action={commentForm} className="space-y-2">
            <input type="hidden" name="meetingPointId" value={point.id} />
            <label htmlFor="body" className="block font-medium">
              {t("yourComment")}
            </label>
            <Textarea name="body" rows={3} maxLength={2000} required />
            <FieldError name="body" />
            <SubmitButton>{t("comment")}</SubmitButton>
            <FormMessage success={t("commented")} />
          </ActionForm>
        ) : (
          <p>
            <Link href="/signin" className="target text-brand-700 underline">
              {t("signInToComment")}
            </Link>
          </p>
        )}
      </section>
    </article>
  );
}
