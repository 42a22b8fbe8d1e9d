// The public pages a signed-out reader sees, rendered once for everyone until the data changes.
//
// When an action is forwarded through a caravan's chats, thousands of phones open the same page
// within minutes, and every render costs the server ~10 ms of CPU (issue 21, BENCHMARKS.md). A
// signed-out reader's page is the same for every reader of its language (the server's time zone,
// nobody's name), so the front server keeps the page it made without scripts (./script-free.ts)
// and gives it to the next reader of the same address and language, compressed once.
//
// Every write invalidates it: an entry belongs to the database's WAL position when its render
// began (`pg_current_wal_lsn()`, which every committed write moves, from any app server, a job or
// a psql session alike), and is served only while that position has not moved. A signup, a
// cancelled action or a new story therefore shows on the next request after its commit, on every
// app server, with no list of tags to keep in step with the writes. Time alone changes a page too
// (an action ends, a place is revealed at its hour): no entry is served past MAX_AGE_MS.
//
// Nothing personal is kept: only a page load with no cookie but the language's and the time
// zone's (a session, a sign-in ticket or anything else passes the cache by), only an answer 200
// that sets no cookie and lost every script (a page keeping its scripts keeps its nonce, which
// must never be served twice).
//
// Why not Next's own cache (`"use cache"`, `cacheTag`, `revalidateTag`): these pages carry a CSP
// nonce for the signed-in reader of the same address, and Next renders every page with a nonce
// per request; the script-free page is made after Next's render, by this server; and
// `revalidateTag` reaches only the process that calls it unless a shared cache handler is built,
// while the WAL position is shared by every app server already. BENCHMARKS.md has the figures.
import type { IncomingMessage, OutgoingHttpHeaders } from "node:http";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { parseCookie } from "cookie";
import { sql } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import { getDb, type Database } from "@/db/client";
import { LOCALE_COOKIE, negotiateLocale } from "@/server/i18n/locale";
import { ZONE_COOKIE } from "@/server/i18n/zone";
import { rowsOf } from "@/server/messages/audience";

/** The longest an entry is served, however quiet the database: pages that change with the clock. */
export const MAX_AGE_MS = 10_000;
const gzipAsync = promisify(gzip);
/** The memory the pages may take, uncompressed and gzipped together. */
const MAX_BYTES = 64 * 1024 * 1024;
/** Cookies that a signed-out page may read (its language; the zone is the server's for them). */
const HARMLESS_COOKIES = new Set([LOCALE_COOKIE, ZONE_COOKIE]);
/** Headers that belong to one answer, not to the page. */
const NOT_KEPT = new Set(["set-cookie", "content-length", "content-encoding", "date", "transfer-encoding"]);

export interface RenderedPage {
  status: number;
  headers: OutgoingHttpHeaders;
  /** The page as sent, uncompressed. */
  body: Buffer;
  /** Every script was removed: the page needs no nonce and may be served to anyone. */
  scriptFree: boolean;
}

export interface CachedPage extends RenderedPage {
  gzipped: Buffer;
}

interface Entry {
  version: string;
  storedAt: number;
  page: CachedPage;
}

/**
 * The key of a signed-out reader's page load (`wantsScriptFree` already said yes): its address
 * and language, or null when the request carries a cookie the cache does not know.
 */
export function pageCacheKey(req: Pick<IncomingMessage, "url" | "headers">): string | null {
  const cookies = parseCookie(req.headers.cookie ?? "");
  if (Object.keys(cookies).some((name) => !HARMLESS_COOKIES.has(name))) return null;
  const acceptLanguage = req.headers["accept-language"];
  const locale = negotiateLocale(
    cookies[LOCALE_COOKIE],
    Array.isArray(acceptLanguage) ? acceptLanguage[0] : acceptLanguage,
  );
  return `${locale} ${req.url ?? "/"}`;
}

/** The page as it may be kept for everyone, compressed once; null when it may not be shared. */
export async function shareable(page: RenderedPage): Promise<CachedPage | null> {
  if (page.status !== 200 || !page.scriptFree || page.headers["set-cookie"] !== undefined) return null;
  const headers = Object.fromEntries(Object.entries(page.headers).filter(([name]) => !NOT_KEPT.has(name)));
  return { ...page, headers, gzipped: await gzipAsync(page.body) };
}

/** The database's WAL position: it moves with every committed write, wherever it came from. */
export async function walPosition(db: Database): Promise<string> {
  const [row] = rowsOf<{ lsn: string }>(await db.execute(sql`select pg_current_wal_lsn()::text as lsn`));
  if (!row) throw new Error("no WAL position");
  return row.lsn;
}

const appWalPosition = () => getDb().then(walPosition);

export class PageCache {
  private readonly entries: LRUCache<string, Entry>;
  /** Renders under way, by key and version: a burst of readers waits for one render. */
  private readonly rendering = new Map<string, Promise<CachedPage | null>>();

  constructor(
    private readonly version: () => Promise<string> = appWalPosition,
    private readonly now: () => number = Date.now,
    maxBytes = MAX_BYTES,
  ) {
    this.entries = new LRUCache<string, Entry>({
      maxSize: maxBytes,
      sizeCalculation: (entry) => entry.page.body.length + entry.page.gzipped.length + 1_024,
    });
  }

  /** The current version, or null when the database cannot say (the page is then made afresh). */
  async currentVersion(): Promise<string | null> {
    try {
      return await this.version();
    } catch {
      return null;
    }
  }

  /** The page kept for `key` at `version`, if it is still fresh. */
  get(key: string, version: string): CachedPage | null {
    const entry = this.entries.get(key);
    if (!entry || entry.version !== version || this.now() - entry.storedAt > MAX_AGE_MS) return null;
    return entry.page;
  }

  /**
   * The page for `key` at `version`: kept, or made by `render` once however many readers ask at
   * the same time. Null when the answer may not be shared (each reader then makes their own).
   */
  async page(
    key: string,
    version: string,
    render: () => Promise<CachedPage | null>,
  ): Promise<CachedPage | null> {
    const kept = this.get(key, version);
    if (kept) return kept;
    const flight = `${version} ${key}`;
    const running = this.rendering.get(flight);
    if (running) return running;
    const started = this.now();
    const made = render()
      .then((page) => {
        if (page) this.entries.set(key, { version, storedAt: started, page });
        return page;
      })
      .finally(() => this.rendering.delete(flight));
    this.rendering.set(flight, made);
    return made;
  }
}
