// What volunteers are told by email about their shifts: the reminder a day before, and the news
// that they moved up from the waitlist. Run from the job queue; safe to run twice.
import { eq } from "drizzle-orm";
import { env, type Database } from "@/db/client";
import { actions, shifts, signups, users } from "@/db/schema";
import { sendEmail } from "../email/email";
import { translator } from "../i18n/messages";
import { registerJobHandler } from "../jobs/worker";

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
      timeZone: actions.timeZone,
      actionStatus: actions.status,
      actionId: actions.id,
    })
    .from(signups)
    .innerJoin(users, eq(users.id, signups.userId))
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .innerJoin(actions, eq(actions.id, shifts.actionId))
    .where(eq(signups.id, signupId));
  return row;
}

function details(row: NonNullable<Awaited<ReturnType<typeof load>>>) {
  const when = new Intl.DateTimeFormat(row.locale, {
    weekday: "long",
    day: "numeric",
    month: "long",
    hour: "numeric",
    minute: "2-digit",
    timeZone: row.timeZone,
    timeZoneName: "short",
  }).format(row.startsAt);
  const place = row.exactLocation ? `${row.exactLocation}, ${row.placeName}` : row.placeName;
  return {
    title: row.title,
    role: row.role,
    when,
    place,
    link: `${env("PUENTE_URL") ?? "http://localhost:3000"}/actions/${row.actionId}`,
  };
}

export async function sendShiftReminder(db: Database, payload: Record<string, string>) {
  const row = await load(db, payload.signupId!);
  if (
    !row ||
    row.status !== "confirmed" ||
    row.actionStatus !== "scheduled" ||
    row.startsAt.getTime() < Date.now()
  )
    return;
  const t = translator(row.locale, "email");
  await sendEmail({
    to: row.email,
    subject: t("reminder.subject", { title: row.title }),
    text: t("reminder.text", details(row)),
  });
}

export async function sendPromotionNotice(db: Database, payload: Record<string, string>) {
  const row = await load(db, payload.signupId!);
  if (!row || row.status !== "confirmed" || row.actionStatus !== "scheduled") return;
  const t = translator(row.locale, "email");
  await sendEmail({
    to: row.email,
    subject: t("promoted.subject", { title: row.title }),
    text: t("promoted.text", details(row)),
  });
}

registerJobHandler("signup.reminder", sendShiftReminder);
registerJobHandler("signup.promoted", sendPromotionNotice);
