// What volunteers are told by email about their shifts: the reminder a day before (also by SMS to
// those who take texts, server/sms/reminders.ts), the news that they moved up from the waitlist,
// and a members-only action's exact place at its reveal time. Run from the job queue; safe to run twice.
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { actions, memberships, shifts, signups, users } from "@/db/schema";
import { sendEmail } from "../email/email";
import { quoted } from "../email/typed-text";
import { translator } from "../i18n/messages";
import { emailTime } from "../i18n/zone";
import { defineJob, type JobPayload } from "../jobs/kinds";
import { publicOrigin } from "../origin";
import { queueReminderSms } from "../sms/reminders";
import { exactPlaceFor } from "./reveal";

export const actionLink = (actionId: string) => `${publicOrigin()}/actions/${actionId}`;

/** A start time as the reader says it, in the action's own zone, the zone named in their language. */
export const whenInZone = (at: Date, timeZone: string, locale: string) => emailTime(at, locale, timeZone);

async function load(db: Database, signupId: string) {
  const [row] = await db
    .select({
      status: signups.status,
      email: users.email,
      locale: users.preferredLanguage,
      role: shifts.role,
      startsAt: shifts.startsAt,
      title: actions.title,
      placeName: actions.placeName,
      exactLocation: actions.exactLocation,
      visibility: actions.visibility,
      actionStartsAt: actions.startsAt,
      endsAt: actions.endsAt,
      revealHoursBefore: actions.revealHoursBefore,
      timeZone: actions.timeZone,
      actionStatus: actions.status,
      actionId: actions.id,
      member: memberships.userId,
    })
    .from(signups)
    .innerJoin(users, eq(users.id, signups.userId))
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .innerJoin(actions, eq(actions.id, shifts.actionId))
    .leftJoin(
      memberships,
      and(
        eq(memberships.groupId, actions.groupId),
        eq(memberships.userId, signups.userId),
        eq(memberships.status, "active"),
      ),
    )
    .where(eq(signups.id, signupId));
  return row;
}

/** Someone removed from a group hears nothing more of its members-only actions. */
const mayHear = (row: { visibility: "public" | "members"; member: string | null }) =>
  row.visibility === "public" || row.member !== null;

function details(row: NonNullable<Awaited<ReturnType<typeof load>>>) {
  const t = translator(row.locale, "email");
  // A members-only action's exact spot only inside its reveal window.
  const { exactLocation, revealsAt } = exactPlaceFor({ ...row, startsAt: row.actionStartsAt }, "confirmed");
  // The organizers typed the title, the role and the place: quoted and unlinked (typed-text.ts).
  const place = exactLocation
    ? quoted(`${exactLocation}, ${row.placeName}`)
    : revealsAt
      ? t("placeLater", {
          place: quoted(row.placeName),
          when: whenInZone(revealsAt, row.timeZone, row.locale),
        })
      : quoted(row.placeName);
  return {
    title: quoted(row.title),
    role: quoted(row.role),
    when: whenInZone(row.startsAt, row.timeZone, row.locale),
    place,
    link: actionLink(row.actionId),
  };
}

export async function sendShiftReminder(db: Database, { signupId }: JobPayload<"signup.reminder">) {
  const row = await load(db, signupId);
  if (
    !row ||
    !mayHear(row) ||
    row.status !== "confirmed" ||
    row.actionStatus !== "scheduled" ||
    row.startsAt.getTime() < Date.now()
  )
    return;
  // Queued before the email is tried: a failing email must not hold the text back.
  await db.transaction((tx) => queueReminderSms(tx, signupId));
  const t = translator(row.locale, "email");
  await sendEmail({
    to: row.email,
    subject: t("reminder.subject"),
    text: t("reminder.text", details(row)),
  });
}

export async function sendPromotionNotice(db: Database, { signupId }: JobPayload<"signup.promoted">) {
  const row = await load(db, signupId);
  if (!row || !mayHear(row) || row.status !== "confirmed" || row.actionStatus === "cancelled") return;
  const t = translator(row.locale, "email");
  await sendEmail({
    to: row.email,
    subject: t("promoted.subject"),
    text: t("promoted.text", details(row)),
  });
}

/** The email with the exact place, sent only if the person may still see it. */
export async function sendRevealEmail(db: Database, payload: JobPayload<"action.revealEmail">) {
  const [row] = await db
    .select({
      email: users.email,
      locale: users.preferredLanguage,
      title: actions.title,
      placeName: actions.placeName,
      exactLocation: actions.exactLocation,
      visibility: actions.visibility,
      status: actions.status,
      startsAt: actions.startsAt,
      endsAt: actions.endsAt,
      revealHoursBefore: actions.revealHoursBefore,
      timeZone: actions.timeZone,
    })
    .from(actions)
    .innerJoin(users, eq(users.id, payload.userId))
    .innerJoin(
      memberships,
      and(
        eq(memberships.groupId, actions.groupId),
        eq(memberships.userId, users.id),
        eq(memberships.status, "active"),
      ),
    )
    .where(eq(actions.id, payload.actionId));
  if (!row || row.status !== "scheduled") return;
  const [confirmed] = await db
    .select({ id: signups.id })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .where(
      and(
        eq(shifts.actionId, payload.actionId),
        eq(signups.userId, payload.userId),
        inArray(signups.status, ["confirmed"]),
      ),
    )
    .limit(1);
  const place = exactPlaceFor(row, confirmed ? "confirmed" : "other").exactLocation;
  if (!place) return;
  const t = translator(row.locale, "email");
  await sendEmail({
    to: row.email,
    subject: t("reveal.subject"),
    text: t("reveal.text", {
      title: quoted(row.title),
      when: whenInZone(row.startsAt, row.timeZone, row.locale),
      place: quoted(`${place}, ${row.placeName}`),
      link: actionLink(payload.actionId),
    }),
  });
}

export const shiftReminderJob = defineJob("signup.reminder", sendShiftReminder);
export const promotionNoticeJob = defineJob("signup.promoted", sendPromotionNotice);
export const revealEmailJob = defineJob("action.revealEmail", sendRevealEmail);
