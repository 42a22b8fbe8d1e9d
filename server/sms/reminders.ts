// Shift reminders by SMS, sent; their SI / NO answers are ./reminder-answers.ts. When a
// volunteer's reminder is due (server/actions/notifications.ts) and they have a verified number
// that did not text STOP and whose choice is not "off" (a reminder of a shift they signed up for is
// theirs and expected, not a coordinator's broadcast): one SMS reminder row and one job, both
// unique per signup, so at least once and never twice; the row stays locked while the SMSC takes it.
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { actions, shifts, signups, smsReminders, users } from "@/db/schema";
import { translator } from "../i18n/messages";
import { ZONE_NAME } from "../i18n/zone";
import { defineJob, type JobAttempt, type JobKind, type JobPayload } from "../jobs/kinds";
import { failureSummary } from "../log";
import { shortTitle } from "./reminder-answers";
import { sendSms } from "./sms";

export const REMINDER_SMS_JOB = "signup.reminderSms" satisfies JobKind;

/** In the transaction of a due reminder: the SMS reminder and its job, when the person takes SMS. */
export async function queueReminderSms(tx: Database, signupId: string): Promise<void> {
  await tx.execute(sql`
    insert into sms_reminders (signup_id, user_id, e164)
    select s.id, p.user_id, p.e164
    from signups s join phone_numbers p on p.user_id = s.user_id
    where s.id = ${signupId} and p.opted_out_at is null and p.sms_messages <> 'off'
    on conflict do nothing`);
  await tx.execute(sql`
    insert into jobs (kind, payload, dedupe_key)
    select ${REMINDER_SMS_JOB}, jsonb_build_object('signupId', r.signup_id::text),
      ${`${REMINDER_SMS_JOB}:`} || r.signup_id::text
    from sms_reminders r where r.signup_id = ${signupId} and r.status = 'queued'
    on conflict do nothing`);
}

/** "sáb, 12 dic, 9:00 hora del Pacífico": in the action's zone (as every action time), named. */
export const smsTime = (at: Date, locale: string, timeZone: string) =>
  new Intl.DateTimeFormat(locale, {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "numeric",
    minute: "2-digit",
    timeZone,
    timeZoneName: ZONE_NAME,
  }).format(at);

export function composeReminderSms(row: {
  locale: "es" | "en";
  title: string;
  startsAt: Date;
  timeZone: string;
}): string {
  return translator(row.locale, "sms")("reminder", {
    title: shortTitle(row.title),
    when: smsTime(row.startsAt, row.locale, row.timeZone),
  });
}

export async function sendReminderSms(
  db: Database,
  { signupId }: JobPayload<typeof REMINDER_SMS_JOB>,
  attempt: JobAttempt,
) {
  try {
    await db.transaction(async (tx) => {
      const [row] = await tx
        .select({
          id: smsReminders.id,
          status: smsReminders.status,
          e164: smsReminders.e164,
          locale: users.preferredLanguage,
          title: actions.title,
          startsAt: shifts.startsAt,
          timeZone: actions.timeZone,
          // Still the person's number, with SMS on; the place still theirs, the shift still ahead.
          stillWanted: sql<boolean>`exists (select 1 from phone_numbers p where p.user_id = ${smsReminders.userId}
            and p.e164 = ${smsReminders.e164} and p.opted_out_at is null and p.sms_messages <> 'off')`,
          stillDue: sql<boolean>`${signups.status} = 'confirmed' and ${actions.status} = 'scheduled'
            and ${shifts.startsAt} > now()`,
        })
        .from(smsReminders)
        .innerJoin(signups, eq(signups.id, smsReminders.signupId))
        .innerJoin(shifts, eq(shifts.id, signups.shiftId))
        .innerJoin(actions, eq(actions.id, shifts.actionId))
        .innerJoin(users, eq(users.id, smsReminders.userId))
        .where(eq(smsReminders.signupId, signupId))
        .for("update", { of: smsReminders });
      if (!row || row.status !== "queued") return;
      if (!row.stillWanted || !row.stillDue) {
        await tx
          .update(smsReminders)
          .set({ status: "failed", reason: row.stillWanted ? "no longer due" : "opted out" })
          .where(eq(smsReminders.id, row.id));
        return;
      }
      // The root handle: a bind opened here must not keep this transaction's.
      const sent = await sendSms(db, row.e164, composeReminderSms(row));
      await tx
        .update(smsReminders)
        .set(
          sent
            ? { status: "sent", sentAt: sql`now()`, reason: null }
            : { status: "failed", reason: "SMS_URL is not set" },
        )
        .where(eq(smsReminders.id, row.id));
    });
  } catch (error) {
    const reason = failureSummary(error).slice(0, 200);
    await db
      .update(smsReminders)
      .set(attempt.last ? { status: "failed", reason } : { reason })
      .where(eq(smsReminders.signupId, signupId));
    throw error;
  }
}

export const reminderSmsJob = defineJob(REMINDER_SMS_JOB, sendReminderSms);
