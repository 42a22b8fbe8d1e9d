// Live delivery to open pages, across app servers. A change is signalled with PostgreSQL's
// NOTIFY inside the transaction that makes it, so a signal exists exactly when the change was
// committed; every server LISTENs and pushes to the people connected to it. A signal carries ids
// only, never content: each server reads what its own readers may see.
import { EventEmitter, on } from "node:events";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import type { Database, DatabaseHandle } from "@/db/client";
import { failureFields, log } from "../log";
import { rowsOf } from "./audience";

const CHANNEL = "puente_messages";

/** m: a message sent; m + r: a reply in it; u: this person's unread count changed (read). */
export type LiveSignal = { m: string; r?: string } | { u: string };

export interface LiveEvent {
  type: "message" | "reply" | "read" | "hello";
  messageId?: string;
  unread: number;
}

/** Signals `signal` when the caller's transaction commits (or at once outside one). */
export async function signal(db: Database, live: LiveSignal): Promise<void> {
  await db.execute(sql`select pg_notify(${CHANNEL}, ${JSON.stringify(live)})`);
}

/** The people connected to this server, and what to push to each of them. */
export class LiveFeed {
  private readonly people = new EventEmitter().setMaxListeners(0);
  /** Stops listening (tests; app servers listen for their whole life). */
  close: () => Promise<void> = async () => {};

  constructor(private readonly db: Database) {}

  /** Events for `userId` until `abort`: listening starts at once, so nothing between is missed. */
  events(userId: string, abort?: AbortSignal): AsyncIterable<LiveEvent> {
    const iterator = on(this.people, userId, { signal: abort });
    return (async function* () {
      try {
        for await (const [event] of iterator) yield event as LiveEvent;
      } catch (error) {
        if ((error as { name?: string }).name !== "AbortError") throw error;
      }
    })();
  }

  private connected(): string[] {
    return this.people.eventNames().filter((name): name is string => typeof name === "string");
  }

  async dispatch(live: LiveSignal): Promise<void> {
    const connected = this.connected();
    if (connected.length === 0) return;
    let targets: string[];
    let event: Omit<LiveEvent, "unread">;
    if ("u" in live) {
      targets = connected.includes(live.u) ? [live.u] : [];
      event = { type: "read" };
    } else if (live.r) {
      // A reply reaches its thread's recipient and the message's sender and co-organizers.
      targets = rowsOf<{ user_id: string }>(
        await this.db.execute(sql`
          select thread_user_id as user_id from message_replies where id = ${live.r}
          union select m.sender_id from messages m where m.id = ${live.m}
          union select ms.user_id from messages m join memberships ms on ms.group_id = any(m.group_ids)
            where m.id = ${live.m} and ms.status = 'active' and ms.role in ('coordinator', 'organizer')`),
      )
        .map((r) => r.user_id)
        .filter((id) => connected.includes(id));
      event = { type: "reply", messageId: live.m };
    } else {
      targets = rowsOf<{ user_id: string }>(
        await this.db.execute(sql`select user_id from message_deliveries
          where message_id = ${live.m} and user_id in ${connected}`),
      ).map((r) => r.user_id);
      event = { type: "message", messageId: live.m };
    }
    if (targets.length === 0) return;
    const counts = new Map(
      rowsOf<{ user_id: string; n: number }>(
        await this.db.execute(sql`select user_id, count(*)::int as n from message_deliveries
          where user_id in ${targets} and read_at is null group by user_id`),
      ).map((r) => [r.user_id, Number(r.n)]),
    );
    for (const id of targets) this.people.emit(id, { ...event, unread: counts.get(id) ?? 0 });
  }
}

const feeds = new WeakMap<Database, Promise<LiveFeed>>();

function parse(payload: string): LiveSignal | null {
  try {
    return JSON.parse(payload) as LiveSignal;
  } catch {
    return null;
  }
}

/**
 * Starts listening on `handle`'s database: PostgreSQL through one dedicated connection (postgres.js
 * re-listens after a reconnect), PGlite through its own LISTEN (one process, so that is everyone).
 */
export function attachLiveFeed(handle: DatabaseHandle): Promise<LiveFeed> {
  let feed = feeds.get(handle.db);
  if (feed) return feed;
  feed = (async () => {
    const live = new LiveFeed(handle.db);
    const onSignal = (payload: string) => {
      const parsed = parse(payload);
      if (!parsed) return;
      live.dispatch(parsed).catch((error: unknown) => log.warn("live dispatch failed", failureFields(error)));
    };
    if (handle.pglite) {
      const unlisten = await handle.pglite.listen(CHANNEL, onSignal);
      live.close = () => unlisten();
    } else if (handle.url) {
      const listener = postgres(handle.url, { max: 1, onnotice: () => {} });
      await listener.listen(CHANNEL, onSignal);
      live.close = () => listener.end({ timeout: 5 });
    }
    return live;
  })();
  // A failed start (the database was down) is tried again by the next subscriber.
  feed.catch(() => feeds.delete(handle.db));
  feeds.set(handle.db, feed);
  return feed;
}

/** The feed of the database `db` belongs to: the app's own, or one a test attached. */
export async function liveFeedFor(db: Database): Promise<LiveFeed> {
  const known = feeds.get(db);
  if (known) return known;
  const { getDatabase } = await import("@/db/client");
  const handle = await getDatabase();
  if (handle.db !== db) throw new Error("No live feed is attached to this database");
  return attachLiveFeed(handle);
}
