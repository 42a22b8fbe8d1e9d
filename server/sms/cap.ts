// The daily SMS cap per group (SMS_DAILY_CAP_PER_GROUP) and the volume admins read on /admin/sms.
//
// Who pays for a text: the group of the message it carries, that is the first group the message
// names (messages.group_ids[1]: the group its coordinator or organizer wrote to as theirs, or the
// group of the action or shift it went to; the audit log names the same one). A message that
// names no group (a caravan delegate's message to the coordinators, or a coordinator's message to
// a caravan's delegates alone) is billed to one shared "caravans" line, with a cap of its own.
//
// What is counted: segments, as the provider bills them, per UTC day of sending. Urgent messages
// count too: the bill is the bill. A text is sent only if its segments fit in what is left of the
// day; the rest of a fan-out then fails with the reason "daily cap" and is never sent later.
//
// How it holds under concurrency: each line's segments today are one counter row in rate_limits
// (key `sms-cap:<group id or caravans>:<YYYY-MM-DD>`), raised by one conditional upsert that commits
// before the text is submitted. So two workers cannot both take the last segments, no lock is held
// while the SMSC answers, and a text that then fails to go gives its segments back.
import { and, desc, eq, gte, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { groups, messages, smsDeliveries } from "@/db/schema";
import { log } from "../log";
import { rowsOf } from "../messages/audience";
import { smsDailyCap } from "./config";

/** The line of messages that name no group. */
export const CARAVANS_LINE = "caravans";
/** What a delivery refused by the cap says, to its sender (translated) and in the database. */
export const DAILY_CAP_REASON = "daily cap";
/** How many days the admins' volume table covers, today included. */
export const VOLUME_DAYS = 14;

/**
 * The billing line of a message: the first group it names, or the caravans line (written out, not
 * a parameter, so that a GROUP BY on it matches the same expression in the SELECT).
 */
export const billedLine = sql<string>`coalesce((${messages.groupIds})[1]::text, 'caravans')`;

/** Segments taken from one line's cap today, to give back if the text does not go. */
export interface Reservation {
  key: string;
  segments: number;
}

/**
 * Takes `segments` from `line`'s cap for today: a reservation (an empty one when there is no cap),
 * or null when they do not fit. Runs on its own, never in a transaction: the counter's row must
 * not stay locked while a text is submitted.
 */
export async function reserveSegments(
  db: Database,
  line: string,
  segments: number,
): Promise<Reservation | null> {
  const cap = smsDailyCap();
  if (cap === null) return { key: "", segments: 0 };
  const result = await db.execute(sql`
    insert into rate_limits (key, points, expire)
    select 'sms-cap:' || ${line}::text || ':' || to_char(now() at time zone 'UTC', 'YYYY-MM-DD'),
      ${segments}::int, (date_trunc('day', now() at time zone 'UTC') + interval '2 days') at time zone 'UTC'
    where ${segments}::int <= ${cap}::int
    on conflict (key) do update set points = rate_limits.points + excluded.points
      where rate_limits.points + excluded.points <= ${cap}::int
    returning key`);
  const [row] = rowsOf<{ key: string }>(result);
  return row ? { key: row.key, segments } : null;
}

/** Gives back the segments of a text that was not submitted after all. */
export async function releaseSegments(db: Database, reservation: Reservation): Promise<void> {
  if (!reservation.key) return;
  await db.execute(sql`update rate_limits set points = greatest(points - ${reservation.segments}::int, 0)
    where key = ${reservation.key}`);
}

// Once per message per process, not once per refused text: a capped fan-out of 10,000 is one line.
const loggedMessages = new Set<string>();

/** Marks a delivery failed because its line's cap is reached, and says so in the log (no number). */
export async function refuseOverCap(
  db: Database,
  delivery: { id: string; messageId: string; line: string },
): Promise<void> {
  await db
    .update(smsDeliveries)
    .set({ status: "failed", reason: DAILY_CAP_REASON })
    .where(and(eq(smsDeliveries.id, delivery.id), eq(smsDeliveries.status, "queued")));
  if (loggedMessages.has(delivery.messageId)) return;
  if (loggedMessages.size > 1000) loggedMessages.clear();
  loggedMessages.add(delivery.messageId);
  log.warn("SMS daily cap reached: the rest of this message's texts today are not sent", {
    messageId: delivery.messageId,
    line: delivery.line,
    cap: smsDailyCap(),
  });
}

/** Texts, segments, delivered and failed per UTC day and billing line, the last 14 days. */
export async function smsVolume(db: Database) {
  const day = sql<string>`to_char(coalesce(${smsDeliveries.sentAt}, ${smsDeliveries.createdAt}) at time zone 'UTC', 'YYYY-MM-DD')`;
  const segments = sql<number>`coalesce(sum(${smsDeliveries.segments}), 0)::int`;
  const rows = await db
    .select({
      day,
      line: billedLine,
      groupName: groups.name,
      groupSlug: groups.slug,
      texts: sql<number>`count(*)::int`,
      segments,
      delivered: sql<number>`(count(*) filter (where ${smsDeliveries.status} = 'delivered'))::int`,
      failed: sql<number>`(count(*) filter (where ${smsDeliveries.status} = 'failed'))::int`,
      capped: sql<number>`(count(*) filter (where ${smsDeliveries.status} = 'failed'
        and ${smsDeliveries.reason} = ${DAILY_CAP_REASON}))::int`,
    })
    .from(smsDeliveries)
    .innerJoin(messages, eq(messages.id, smsDeliveries.messageId))
    .leftJoin(groups, sql`${groups.id} = (${messages.groupIds})[1]`)
    .where(
      gte(
        sql`coalesce(${smsDeliveries.sentAt}, ${smsDeliveries.createdAt})`,
        sql`(date_trunc('day', now() at time zone 'UTC') - make_interval(days => ${VOLUME_DAYS - 1})) at time zone 'UTC'`,
      ),
    )
    .groupBy(day, billedLine, groups.name, groups.slug)
    .orderBy(desc(day), desc(segments), billedLine);
  return {
    cap: smsDailyCap(),
    days: VOLUME_DAYS,
    rows: rows.map((r) => ({
      day: r.day,
      /** null for the caravans line. */
      group:
        r.line === CARAVANS_LINE ? null : { id: r.line, name: r.groupName ?? "", slug: r.groupSlug ?? "" },
      texts: Number(r.texts),
      segments: Number(r.segments),
      delivered: Number(r.delivered),
      failed: Number(r.failed),
      capped: Number(r.capped),
    })),
  };
}
