// What each signed announcement says, in both languages, from the row it is about: the chosen
// meeting point (name, crossing, side, position as published), an urgent message (its subject and
// text), an action cancelled or moved (its title, public place and time in its own zone; never the
// exact place a members-only action reveals later).
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { actions, meetingPoints } from "@/db/schema";
import { translator } from "../i18n/messages";
import { locales, type Locale } from "../i18n/locale";
import { signStatement } from "./statements";

function inBoth(say: (locale: Locale) => string) {
  const [es, en] = locales.map(say) as [string, string];
  return { es, en };
}

/** The meeting point just chosen; inside the transaction that chose it. */
export async function announceChosenPoint(db: Database, meetingPointId: string) {
  const [point] = await db.select().from(meetingPoints).where(eq(meetingPoints.id, meetingPointId));
  if (!point) return null;
  const texts = inBoth((locale) =>
    translator(locale, "signing")("chosenPoint", {
      name: point.name,
      crossing: translator(locale, "crossings")(point.crossing),
      side: translator(locale, "meetingPoints")(`side.${point.side}`),
      position: `${point.latitude.toFixed(3)}, ${point.longitude.toFixed(3)}`,
    }),
  );
  return signStatement(db, { kind: "meeting_point.chosen", subjectId: point.id, ...texts });
}

/** An urgent message as sent; a language left empty says what the other does. */
export async function announceUrgentMessage(
  db: Database,
  message: { id: string; subjectEs: string; subjectEn: string; bodyEs: string; bodyEn: string },
) {
  const es = `${message.subjectEs || message.subjectEn}: ${message.bodyEs || message.bodyEn}`;
  const en = `${message.subjectEn || message.subjectEs}: ${message.bodyEn || message.bodyEs}`;
  return signStatement(db, { kind: "message.urgent", subjectId: message.id, es, en });
}

function when(locale: Locale, action: { startsAt: Date; endsAt: Date; timeZone: string }) {
  return new Intl.DateTimeFormat(locale, {
    timeZone: action.timeZone,
    weekday: "long",
    day: "numeric",
    month: "long",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  }).formatRange(action.startsAt, action.endsAt);
}

/** An action cancelled, or its time or public place changed; inside the transaction that did it. */
export async function announceActionChange(db: Database, actionId: string, change: "cancelled" | "changed") {
  const [action] = await db.select().from(actions).where(eq(actions.id, actionId));
  if (!action) return null;
  const texts = inBoth((locale) =>
    translator(locale, "signing")(change === "cancelled" ? "actionCancelled" : "actionChanged", {
      title: action.title,
      place: action.placeName,
      when: when(locale, action),
    }),
  );
  return signStatement(db, { kind: `action.${change}`, subjectId: action.id, ...texts });
}
