// One action: when and where, its shifts and how full they are, and signing up in one tap (or,
// without an account, with a name and an email). Fully rendered on the server.
import type { Metadata } from "next";
import { cache } from "react";
import Link from "next/link";
import { getFormatter, getTimeZone, getTranslations } from "next-intl/server";
import { currentSession } from "@/server/auth";
import { SavedCopy } from "../../_shell/saved-copy";
import { ActionForm, ConfirmStep, FormMessage, SubmitButton } from "../../_forms/action-form";
import { SelectField, TextField } from "../../_forms/fields";
import { orNotFound, serverApi } from "../../_trpc/server";
import { cancelSignupForm, signUpByEmailForm, signUpForm } from "../forms";
import { spanFormat } from "../when";
import { SignedBadge } from "../../_shell/signed-badge";

type Params = Promise<{ id: string }>;

// generateMetadata and the page both read the action: once per request.
const byId = cache(async (actionId: string) => orNotFound((await serverApi()).actions.get({ actionId })));
const load = async (params: Params) => byId((await params).id);

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const action = await load(params);
  return { title: action.title, robots: action.visibility === "public" ? undefined : { index: false } };
}

export default async function ActionPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Promise<{ joined?: string }>;
}) {
  const [action, t, tk, ts, tl, tg, format, session, search] = await Promise.all([
    load(params),
    getTranslations("actions"),
    getTranslations("actionKinds"),
    getTranslations("skills"),
    getTranslations("languages"),
    getTranslations("gathering"),
    getFormatter(),
    currentSession(),
    searchParams,
  ]);
  const readerZone = await getTimeZone();
  const signedIn = Boolean(session?.user);
  const mine = new Map(action.mySignups.map((s) => [s.shiftId, s]));
  // The action of a shift the person holds (or waits for) is kept for reading in the field.
  const keep = action.mySignups.some((s) => s.status === "confirmed" || s.status === "waitlisted");
  return (
    <article className="space-y-5">
      {keep && <SavedCopy until={action.endsAt} />}
      <header className="space-y-1">
        <p className="text-sm font-medium text-brand-700">
          {tk(action.kind)} · {action.visibility === "members" ? t("membersOnly") : t("public")}
        </p>
        <h1 className="text-2xl font-bold">{action.title}</h1>
        <p className="text-sm text-gray-700">
          <Link href={`/groups/${action.groupSlug}`} className="target underline">
            {t("organizedBy", { group: action.groupName })}
          </Link>
        </p>
      </header>
      {search.joined && signedIn && (
        <p role="status" className="rounded-md bg-brand-100 p-3">
          {t("joined")}
        </p>
      )}
      {action.status === "cancelled" && (
        <p role="alert" className="rounded-md border border-red-800 bg-white p-3 font-medium text-red-800">
          {t("cancelled")}
        </p>
      )}
      {/* A cancellation or a new time or place, signed: what a forged "it moved" cannot show. */}
      <SignedBadge subject="action" id={action.id} />
      <dl className="grid gap-2 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-[auto_1fr] sm:gap-x-4">
        <dt className="font-semibold">{t("when")}</dt>
        <dd>
          {format.dateTimeRange(action.startsAt, action.endsAt, spanFormat(action.timeZone, readerZone))}
        </dd>
        <dt className="font-semibold">{t("where")}</dt>
        <dd>
          {action.exactLocation ? `${action.exactLocation} · ${action.placeName}` : action.placeName}
          {action.revealsAt ? (
            <span className="block text-sm text-gray-700">
              {t("exactPlaceLater", {
                when: format.dateTime(action.revealsAt, spanFormat(action.timeZone, readerZone)),
              })}
            </span>
          ) : (
            action.exactLocation === null &&
            action.isOpen && <span className="block text-sm text-gray-700">{t("exactPlaceHidden")}</span>
          )}
        </dd>
        {action.meetingPoint && (
          <>
            <dt className="font-semibold">{tg("meetsAt")}</dt>
            <dd>
              <Link href={`/meeting-points/${action.meetingPoint.id}`} className="text-brand-700 underline">
                {action.meetingPoint.status === "chosen"
                  ? `★ ${action.meetingPoint.name}`
                  : action.meetingPoint.name}
              </Link>
            </dd>
          </>
        )}
        {action.languages.length > 0 && (
          <>
            <dt className="font-semibold">{t("languages")}</dt>
            <dd>{action.languages.map((l) => tl(l)).join(", ")}</dd>
          </>
        )}
      </dl>
      {action.description && <p className="whitespace-pre-line">{action.description}</p>}
      <div className="flex flex-wrap gap-3 text-sm">
        <a href={`/actions/${action.id}/ics`} className="text-brand-700 underline">
          {t("calendar")}
        </a>
        {action.canManage && (
          <Link href={`/actions/${action.id}/manage`} className="font-medium text-brand-700 underline">
            {t("manage")}
          </Link>
        )}
      </div>

      <section aria-labelledby="shifts" className="space-y-3">
        <h2 id="shifts" className="text-xl font-semibold">
          {t("shifts")}
        </h2>
        {action.shifts.length === 0 && <p>{t("noShifts")}</p>}
        <ul className="space-y-3">
          {action.shifts.map((shift) => {
            const signup = mine.get(shift.id);
            const active = signup && signup.status !== "cancelled" && signup.status !== "no_show";
            const full = shift.confirmedCount >= shift.capacity;
            return (
              <li key={shift.id} className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
                <h3 className="font-semibold">{shift.role}</h3>
                <p className="text-sm">
                  {format.dateTimeRange(
                    shift.startsAt,
                    shift.endsAt,
                    spanFormat(action.timeZone, readerZone),
                  )}
                </p>
                <p className="text-sm">
                  {t("filled", { taken: shift.confirmedCount, capacity: shift.capacity })}{" "}
                  {shift.waitlisted > 0 && `· ${t("waitlist", { count: shift.waitlisted })}`}
                </p>
                <meter
                  min={0}
                  max={shift.capacity}
                  value={shift.confirmedCount}
                  className="w-full"
                  aria-label={t("filled", { taken: shift.confirmedCount, capacity: shift.capacity })}
                />
                {shift.wantedSkills.length > 0 && (
                  <p className="text-sm text-gray-700">
                    {t("skillsWanted", { skills: shift.wantedSkills.map((s) => ts(s)).join(", ") })}
                  </p>
                )}
                {active ? (
                  <ActionForm key={`cancel-${signup.id}`} action={cancelSignupForm} className="space-y-2">
                    <input type="hidden" name="signupId" value={signup.id} />
                    <p role="status" className="font-medium text-brand-800">
                      {signup.status === "waitlisted"
                        ? t("youWait", { position: signup.position ?? 0 })
                        : signup.status === "attended"
                          ? t("attended")
                          : signup.promotedAt
                            ? t("promoted")
                            : t("youreIn")}
                    </p>
                    {(signup.status === "confirmed" || signup.status === "waitlisted") && action.isOpen && (
                      <ConfirmStep
                        question={t("cancelConfirm")}
                        confirmLabel={t("yesCancel")}
                        cancelLabel={t("keep")}
                      >
                        <SubmitButton variant="secondary">{t("cancelSignup")}</SubmitButton>
                      </ConfirmStep>
                    )}
                    <FormMessage />
                  </ActionForm>
                ) : action.isOpen && signedIn ? (
                  // Keyed apart from the cancel form: its "done" must not carry over to this one.
                  <ActionForm key={`signup-${shift.id}`} action={signUpForm} className="space-y-2">
                    <input type="hidden" name="shiftId" value={shift.id} />
                    {signup?.status === "cancelled" && (
                      <p role="status" className="text-sm text-gray-800">
                        {t("youCancelled")}
                      </p>
                    )}
                    <label className="flex items-center gap-2 text-sm">
                      <input type="checkbox" name="shareContact" />
                      {t("shareContact")}
                    </label>
                    <SubmitButton aria-label={t("signUpFor", { role: shift.role })}>
                      {full ? t("joinWaitlist") : t("signUp")}
                    </SubmitButton>
                    <FormMessage success={t("youreIn")} />
                  </ActionForm>
                ) : !action.isOpen ? (
                  <p className="text-sm text-gray-700">{t("closed")}</p>
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>

      {!signedIn && action.isOpen && action.shifts.length > 0 && action.visibility === "public" && (
        <section
          aria-labelledby="no-account"
          className="space-y-3 rounded-lg border border-brand-100 bg-white p-4"
        >
          <h2 id="no-account" className="text-lg font-semibold">
            {t("noAccountTitle")}
          </h2>
          <p className="text-sm">{t("noAccountLead")}</p>
          <ActionForm action={signUpByEmailForm} className="space-y-3">
            <input type="hidden" name="actionId" value={action.id} />
            <SelectField name="shiftId" label={t("shift")} defaultValue={action.shifts[0]!.id}>
              {action.shifts.map((shift) => (
                <option key={shift.id} value={shift.id}>
                  {shift.role} ·{" "}
                  {format.dateTime(shift.startsAt, {
                    hour: "numeric",
                    minute: "2-digit",
                    timeZone: action.timeZone,
                  })}
                </option>
              ))}
            </SelectField>
            <TextField name="name" label={t("yourName")} autoComplete="nickname" maxLength={80} required />
            <TextField
              name="email"
              label={t("yourEmail")}
              type="email"
              inputMode="email"
              autoComplete="email"
              required
            />
            <SubmitButton>{t("sendLink")}</SubmitButton>
            <FormMessage />
          </ActionForm>
        </section>
      )}
    </article>
  );
}
