// Calendars: an .ics file per action, and a private feed per person of their confirmed shifts.
// Times are written in UTC (calendar apps show them in the reader's zone); the action's own zone
// is named in the description so nobody is confused about local time at the border.
import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, gt, inArray, isNotNull, ne, or, sql } from "drizzle-orm";
import ical from "ical-generator";
import type { Database } from "@/db/client";
import { actions, calendarFeeds, memberships, shifts, signups } from "@/db/schema";
import { recordAudit } from "../audit/audit";
import { DomainError } from "../errors";
import type { Actor } from "../actor";
import { exactPlaceFor } from "./reveal";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

interface CalendarEvent {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  timeZone: string;
  description: string;
  url: string;
}

export function calendarFile(name: string, events: CalendarEvent[]): string {
  const calendar = ical({ name, prodId: { company: "Puente", product: "Puente", language: "ES" } });
  for (const event of events) {
    calendar.createEvent({
      id: `${event.id}@puente`,
      start: event.startsAt,
      end: event.endsAt,
      summary: event.title,
      location: event.place,
      description: `${event.description}\n\n(${event.timeZone})`.trim(),
      url: event.url,
    });
  }
  return calendar.toString();
}

/** What an action's .ics file needs of the action as its reader sees it (`getAction`). */
interface ActionAsSeen {
  id: string;
  title: string;
  description: string;
  placeName: string;
  exactLocation: string | null;
  timeZone: string;
  startsAt: Date;
  endsAt: Date;
  shifts: readonly { id: string; role: string; startsAt: Date; endsAt: Date }[];
  mySignups: readonly { id: string; shiftId: string; status: string }[];
}

/**
 * An action as an .ics file for its reader: the shifts they hold a place on or wait for (7–11 h,
 * not the whole 7–15 h action), else the whole action. The exact place only if they may see it.
 */
export function actionCalendarFile(action: ActionAsSeen, origin: string): string {
  const place = action.exactLocation ? `${action.exactLocation}, ${action.placeName}` : action.placeName;
  const common = {
    place,
    timeZone: action.timeZone,
    description: action.description,
    url: `${origin}/actions/${action.id}`,
  };
  const held = action.mySignups.filter((s) => s.status !== "cancelled");
  const mine = action.shifts.filter((shift) => held.some((s) => s.shiftId === shift.id));
  return calendarFile(
    action.title,
    mine.length > 0
      ? mine.map((shift) => ({
          ...common,
          id: `${action.id}-${shift.id}`,
          title: `${action.title} — ${shift.role}`,
          startsAt: shift.startsAt,
          endsAt: shift.endsAt,
        }))
      : [{ ...common, id: action.id, title: action.title, startsAt: action.startsAt, endsAt: action.endsAt }],
  );
}

/** Makes (or replaces) the person's feed secret. The URL is shown once; only its hash is kept. */
export async function createCalendarFeed(db: Database, actor: Actor, origin: string) {
  const token = randomBytes(32).toString("base64url");
  await db
    .insert(calendarFeeds)
    .values({ userId: actor.id, tokenHash: hashToken(token) })
    .onConflictDoUpdate({
      target: calendarFeeds.userId,
      set: { tokenHash: hashToken(token), createdAt: sql`now()` },
    });
  await recordAudit(db, {
    actorId: actor.id,
    action: "calendar.create",
    subjectType: "user",
    subjectId: actor.id,
  });
  return { url: `${origin}/calendar/${token}` };
}

export async function revokeCalendarFeed(db: Database, actor: Actor) {
  const removed = await db
    .delete(calendarFeeds)
    .where(eq(calendarFeeds.userId, actor.id))
    .returning({ userId: calendarFeeds.userId });
  return { revoked: removed.length > 0 };
}

export async function hasCalendarFeed(db: Database, actor: Actor) {
  const [feed] = await db
    .select({ createdAt: calendarFeeds.createdAt })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.userId, actor.id));
  return feed ?? null;
}

/** A feed entry's place: the exact spot only inside its reveal window (server/actions/reveal.ts). */
function placeOf(row: {
  placeName: string;
  exactLocation: string;
  visibility: "public" | "members";
  actionStartsAt: Date;
  actionEndsAt: Date;
  revealHoursBefore: number;
}) {
  const { exactLocation } = exactPlaceFor(
    { ...row, startsAt: row.actionStartsAt, endsAt: row.actionEndsAt },
    "confirmed",
  );
  return exactLocation ? `${exactLocation}, ${row.placeName}` : row.placeName;
}

/** The feed behind a secret URL: the owner's confirmed shifts to come, exact places once revealed. */
export async function calendarFeed(db: Database, token: string, origin: string) {
  const [feed] = await db
    .select({ userId: calendarFeeds.userId })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.tokenHash, hashToken(token)));
  if (!feed) throw new DomainError("NOT_FOUND", "calendarRevoked");
  const rows = await db
    .select({
      id: signups.id,
      role: shifts.role,
      startsAt: shifts.startsAt,
      endsAt: shifts.endsAt,
      actionId: actions.id,
      title: actions.title,
      description: actions.description,
      placeName: actions.placeName,
      exactLocation: actions.exactLocation,
      visibility: actions.visibility,
      actionStartsAt: actions.startsAt,
      actionEndsAt: actions.endsAt,
      revealHoursBefore: actions.revealHoursBefore,
      timeZone: actions.timeZone,
    })
    .from(signups)
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
    .where(
      and(
        eq(signups.userId, feed.userId),
        inArray(signups.status, ["confirmed", "attended"]),
        // Done (ended) actions stay for their week like any past shift; cancelled ones go.
        ne(actions.status, "cancelled"),
        gt(shifts.endsAt, sql`now() - interval '7 days'`),
        // Someone removed from a group no longer sees its members-only actions, here either.
        or(eq(actions.visibility, "public"), isNotNull(memberships.userId)),
      ),
    )
    .orderBy(asc(shifts.startsAt));
  return calendarFile(
    "Puente",
    rows.map((row) => ({
      id: row.id,
      title: `${row.title} — ${row.role}`,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      place: placeOf(row),
      timeZone: row.timeZone,
      description: row.description,
      url: `${origin}/actions/${row.actionId}`,
    })),
  );
}
