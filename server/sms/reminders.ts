// Shift reminders by SMS. When a volunteer's reminder is due (server/actions/notifications.ts) and
// they have a verified number that did not text STOP and whose choice is not "off" (a reminder of
// a shift they signed up for is theirs, expected, not a coordinator's broadcast), one SMS reminder
// row and one job, both unique per signup: at least once, never twice. The text asks SI or NO; an
// answer from that number, until the shift starts, keeps the place or frees it through
// cancelSignup, so the first person waiting moves up and is told as on the web.
import { and, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  actions,
  shifts,
  signups,
  smsInbound,
  smsReminders,
  users,
  type SmsReminderAnswer,
} from "@/db/schema";
import { cancelSignup } from "../actions/signups";
import { quoted } from "../email/typed-text";
import { translator } from "../i18n/messages";
import { ZONE_NAME } from "../i18n/zone";
import { defineJob, type JobAttempt, type JobKind, type JobPayload } from "../jobs/kinds";
import { failureSummary, log } from "../log";
import { sendSms } from "./sms";

export const REMINDER_SMS_JOB = "signup.reminderSms" satisfies JobKind;
const YES_WORDS = new Set(["SI", "YES", "Y"]);
const NO_WORDS = new Set(["NO"]);
/** An organizer's title can be long; the reminder stays near one or two segments. */
const TITLE_LENGTH = 40;

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

const shortTitle = (title: string) =>
  quoted(title.length > TITLE_LENGTH ? `${title.slice(0, TITLE_LENGTH - 1).trimEnd()}…` : title);

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

/** SI / NO (accents and case aside, as keywordOf gives them), or null for any other text. */
export function reminderAnswerOf(keyword: string): SmsReminderAnswer | null {
  if (YES_WORDS.has(keyword)) return "confirmed";
  if (NO_WORDS.has(keyword)) return "cancelled";
  return null;
}

/**
 * Answers the latest reminder texted to `from` for its owner, whose shift has not started and
 * whose place is still confirmed: SI keeps it, NO cancels it as the person would on the web. False
 * when there is none, and the text is then an ordinary reply. Only the reminder's own number, still
 * its owner's, answers it: a number that changed hands cannot free its former owner's place.
 */
export async function answerReminder(
  db: Database,
  owner: { userId: string; locale: "es" | "en" },
  from: string,
  answer: SmsReminderAnswer,
  send: (to: string, text: string) => Promise<unknown>,
): Promise<boolean> {
  const title = await db.transaction(async (tx) => {
    const [pending] = await tx
      .select({ id: smsReminders.id, signupId: smsReminders.signupId, title: actions.title })
      .from(smsReminders)
      .innerJoin(signups, eq(signups.id, smsReminders.signupId))
      .innerJoin(shifts, eq(shifts.id, signups.shiftId))
      .innerJoin(actions, eq(actions.id, shifts.actionId))
      .where(
        and(
          eq(smsReminders.e164, from),
          eq(smsReminders.userId, owner.userId),
          eq(signups.userId, owner.userId),
          inArray(smsReminders.status, ["sent", "delivered"]),
          isNull(smsReminders.answer),
          eq(signups.status, "confirmed"),
          gt(shifts.startsAt, sql`now()`),
        ),
      )
      .orderBy(desc(smsReminders.sentAt))
      .limit(1)
      .for("update", { of: smsReminders });
    if (!pending) return null;
    if (answer === "cancelled") {
      await cancelSignup(tx, { id: owner.userId, isAdmin: false }, pending.signupId);
    }
    await tx
      .update(smsReminders)
      .set({ answer, answeredAt: sql`now()` })
      .where(eq(smsReminders.id, pending.id));
    await tx.insert(smsInbound).values({ fromE164: from, userId: owner.userId, outcome: "answer" });
    return pending.title;
  });
  if (title === null) return false;
  log.info("sms: a reminder was answered", { answer });
  const t = translator(owner.locale, "sms");
  await send(
    from,
    t(answer === "confirmed" ? "reminderConfirmed" : "reminderCancelled", { title: shortTitle(title) }),
  );
  return true;
}
