// An action's organizers at work: details, shifts with their fill rates, the roster with
// check-in on the day (big buttons, for a phone in one hand), the CSV export, and cancelling.
import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { notFound } from "next/navigation";
import { getFormatter, getTimeZone, getTranslations } from "next-intl/server";
import { ActionForm, ConfirmStep, FormMessage, SubmitButton } from "../../../_forms/action-form";
import { orNotFound, serverApi } from "../../../_trpc/server";
import { ActionDetailsForm, ShiftForm } from "../../action-form";
import { addShiftForm, cancelActionForm, checkInForm, updateActionForm, updateShiftForm } from "../../forms";
import { spanFormat } from "../../when";
import { zonedDate, zonedTime } from "../../zoned";

// generateMetadata and the page both read the action: once per request.
const byId = cache(async (actionId: string) => orNotFound((await serverApi()).actions.get({ actionId })));

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const [action, t] = await Promise.all([byId((await params).id), getTranslations("actions")]);
  return { title: t("manageTitle", { title: action.title }), robots: { index: false } };
}

export default async function ManageActionPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const [{ id }, api, t, format, search] = await Promise.all([
    params,
    serverApi(),
    getTranslations("actions"),
    getFormatter(),
    searchParams,
  ]);
  const readerZone = await getTimeZone();
  const action = await byId(id);
  if (!action.canManage) notFound();
  const [roster, meetingPoints] = await Promise.all([
    api.actions.roster({ actionId: id }),
    api.meetingPoints.list(),
  ]);
  const zone = action.timeZone;
  // A done action (it has ended) is still edited and staffed as before; only a cancelled one is closed.
  const open = action.status !== "cancelled";
  return (
    <div className="space-y-6">
      <Link href={`/actions/${id}`} className="text-sm text-brand-700 underline">
        ← {action.title}
      </Link>
      <h1 className="text-2xl font-bold">{t("manageTitle", { title: action.title })}</h1>
      {search.created && (
        <p role="status" className="rounded-md bg-brand-100 p-3">
          {t("created")}
        </p>
      )}
      {!open && (
        <p role="alert" className="rounded-md border border-red-800 bg-white p-3 font-medium text-red-800">
          {t("cancelled")}
        </p>
      )}

      <section aria-labelledby="shifts" className="space-y-3">
        <h2 id="shifts" className="text-xl font-semibold">
          {t("shifts")}
        </h2>
        {action.shifts.map((shift) => {
          const people = roster.filter((r) => r.shiftId === shift.id);
          return (
            <section
              key={shift.id}
              aria-label={shift.role}
              className="space-y-3 rounded-lg bg-white p-4 shadow-sm"
            >
              <h3 className="text-lg font-semibold">{shift.role}</h3>
              <p className="text-sm">
                {format.dateTimeRange(shift.startsAt, shift.endsAt, spanFormat(zone, readerZone))}
              </p>
              <p className="text-sm font-medium">
                {t("filled", { taken: shift.confirmedCount, capacity: shift.capacity })}{" "}
                {shift.waitlisted > 0 && `· ${t("waitlist", { count: shift.waitlisted })}`}
              </p>
              <meter
                min={0}
                max={shift.capacity}
                low={shift.capacity / 2}
                optimum={shift.capacity}
                value={shift.confirmedCount}
                className="w-full"
                aria-label={t("filled", { taken: shift.confirmedCount, capacity: shift.capacity })}
              />
              <h4 className="font-medium">{t("roster")}</h4>
              {!shift.checkInOpen && people.length > 0 && (
                <p className="text-sm text-gray-700">
                  {t("checkInOpens", {
                    when: format.dateTime(shift.checkInOpensAt, spanFormat(zone, readerZone)),
                  })}
                </p>
              )}
              {people.length === 0 ? (
                <p className="text-sm text-gray-700">{t("rosterEmpty")}</p>
              ) : (
                <ul className="divide-y divide-brand-100">
                  {people.map((person) => (
                    <li key={person.signupId} className="flex flex-wrap items-center gap-2 py-2">
                      <span className="mr-auto">
                        <span className="font-medium">{person.name ?? "—"}</span>{" "}
                        <span className="text-sm text-gray-700">
                          · {t(`status.${person.status}`, { position: person.position ?? 0 })}
                          {person.email && ` · ${person.email}`}
                          {person.phone && ` · ${person.phone}`}
                        </span>
                      </span>
                      {person.status !== "waitlisted" && shift.checkInOpen && (
                        <ActionForm action={checkInForm} className="flex items-center gap-2">
                          <input type="hidden" name="signupId" value={person.signupId} />
                          <SubmitButton
                            name="attended"
                            value="yes"
                            aria-label={`${t("markAttended")}: ${person.name ?? ""}`}
                            aria-pressed={person.status === "attended"}
                          >
                            {t("markAttended")}
                          </SubmitButton>
                          <SubmitButton
                            name="attended"
                            value="no"
                            variant="secondary"
                            aria-label={`${t("markNoShow")}: ${person.name ?? ""}`}
                            aria-pressed={person.status === "no_show"}
                          >
                            {t("markNoShow")}
                          </SubmitButton>
                          <FormMessage />
                        </ActionForm>
                      )}
                    </li>
                  ))}
                </ul>
              )}
              {open && (
                <details>
                  <summary className="cursor-pointer text-sm text-brand-700">{t("editShift")}</summary>
                  <div className="pt-2">
                    <ShiftForm
                      action={updateShiftForm}
                      hidden={{ shiftId: shift.id }}
                      idPrefix={`shift-${shift.id}`}
                      submitLabel={t("save")}
                      initial={{
                        role: shift.role,
                        date: zonedDate(shift.startsAt, zone),
                        startTime: zonedTime(shift.startsAt, zone),
                        endTime: zonedTime(shift.endsAt, zone),
                        capacity: String(shift.capacity),
                        wantedSkills: shift.wantedSkills,
                      }}
                    />
                  </div>
                </details>
              )}
            </section>
          );
        })}
        {roster.length > 0 && (
          <a href={`/actions/${id}/roster.csv`} className="inline-block text-sm text-brand-700 underline">
            {t("exportCsv")}
          </a>
        )}
      </section>

      {open && (
        <section aria-labelledby="add-shift" className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
          <h2 id="add-shift" className="text-lg font-semibold">
            {t("addShift")}
          </h2>
          <ShiftForm
            action={addShiftForm}
            hidden={{ actionId: id }}
            idPrefix="new-shift"
            submitLabel={t("addShift")}
            initial={{
              role: "",
              date: zonedDate(action.startsAt, zone),
              startTime: zonedTime(action.startsAt, zone),
              endTime: zonedTime(action.endsAt, zone),
              capacity: "10",
              wantedSkills: [],
            }}
          />
        </section>
      )}

      {open && (
        <details className="space-y-2">
          <summary className="cursor-pointer text-lg font-semibold">{t("edit")}</summary>
          <ActionDetailsForm
            action={updateActionForm}
            hidden={{ actionId: id }}
            submitLabel={t("save")}
            meetingPoints={meetingPoints}
            initial={{
              title: action.title,
              kind: action.kind,
              description: action.description,
              placeName: action.placeName,
              exactLocation: action.exactLocation ?? "",
              revealHoursBefore: action.revealHoursBefore,
              timeZone: zone,
              startDate: zonedDate(action.startsAt, zone),
              startTime: zonedTime(action.startsAt, zone),
              endDate: zonedDate(action.endsAt, zone),
              endTime: zonedTime(action.endsAt, zone),
              languages: action.languages,
              visibility: action.visibility,
              meetingPointId: action.meetingPoint?.id ?? "",
            }}
          />
        </details>
      )}

      {/* What has ended (done) is not cancelled after the fact. */}
      {action.status === "scheduled" && (
        <ActionForm action={cancelActionForm} className="space-y-2">
          <input type="hidden" name="actionId" value={id} />
          <ConfirmStep
            question={t("cancelActionConfirm")}
            confirmLabel={t("yesCancelAction")}
            cancelLabel={t("keep")}
          >
            <SubmitButton variant="danger">{t("cancelAction")}</SubmitButton>
          </ConfirmStep>
          <FormMessage />
        </ActionForm>
      )}
    </div>
  );
}
