// SI / NO to a shift reminder texted to a number (./reminders.ts): SI keeps the place, NO frees it
// through cancelSignup, so the first person waiting moves up and is told as on the web. Kept apart
// from the sending, which needs the bind (./sms.ts), because ./inbound.ts, which the bind calls,
// asks here first.
import { and, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { actions, shifts, signups, smsInbound, smsReminders, type SmsReminderAnswer } from "@/db/schema";
import { cancelSignup } from "../actions/signups";
import { quoted } from "../email/typed-text";
import { DomainError } from "../errors";
import { translator } from "../i18n/messages";
import { log } from "../log";

const YES_WORDS = new Set(["SI", "YES", "Y"]);
const NO_WORDS = new Set(["NO"]);
/** An organizer's title can be long; the texts stay near one or two segments. */
const TITLE_LENGTH = 40;

/** An action's title as the texts quote it: «…», defanged (phones link URLs too), cut short. */
export const shortTitle = (title: string) =>
  quoted(title.length > TITLE_LENGTH ? `${title.slice(0, TITLE_LENGTH - 1).trimEnd()}…` : title);

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
  let title: string | null;
  try {
    title = await db.transaction(async (tx) => {
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
  } catch (error) {
    // The place was cancelled on the web as this text arrived: nothing is left to answer.
    if (error instanceof DomainError) return false;
    throw error;
  }
  if (title === null) return false;
  log.info("sms: a reminder was answered", { answer });
  const t = translator(owner.locale, "sms");
  await send(
    from,
    t(answer === "confirmed" ? "reminderConfirmed" : "reminderCancelled", { title: shortTitle(title) }),
  );
  return true;
}
