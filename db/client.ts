// The one database client: PostgreSQL through `postgres` when DATABASE_URL is set, otherwise an
// embedded PGlite database in PUENTE_DATA_DIR (default ./.data). Same schema, same migrations.
import path from "node:path";
import { Worker } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { inspectDataDir, lockDataDir, unusable } from "./data-dir";
import { env } from "./env";
import { preparingEveryStatement } from "./prepared";
import * as schema from "./schema";

export { env };

export type Schema = typeof schema;
/** A database or a transaction: domain functions take either, so they compose in one transaction. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export interface DatabaseHandle {
  db: Database;
  kind: "postgres" | "pglite";
  /** The PostgreSQL URL, for work that needs its own connection (migrations, LISTEN). */
  url?: string;
  /** The embedded database itself, for what only it can do (dumping its data folder). */
  pglite?: PGlite;
  /** The embedded data folder was new (missing or with no files) and this open made it. */
  created?: boolean;
  close(): Promise<void>;
}

const migrationsFolder = path.join(process.cwd(), "db", "migrations");
// Several app servers may start at once on one PostgreSQL: only one of them migrates at a time.
const MIGRATION_LOCK = 4_242_001;

export async function openPostgres(url: string): Promise<DatabaseHandle> {
  const client = postgres(url, {
    max: Number(env("DATABASE_POOL_SIZE") ?? 10),
    onnotice: () => {},
    // A restarted server drops every connection: the pool opens new ones on the next query.
    idle_timeout: 30,
    connect_timeout: 10,
    max_lifetime: 60 * 30,
    // Wait between attempts to reconnect, in seconds. postgres.js's default grows as 3^n/100 up to
    // 20 s, so a few refused attempts while PostgreSQL restarts left queries waiting (and failing)
    // for 10–20 s after it was back (seen by faults/restart.fault.test.ts). Capped at one second:
    // connection attempts are cheap, and a restarted server is used again within a second.
    backoff: (retries: number) => Math.min(0.1 * 2 ** retries, 1),
  });
  return {
    db: drizzlePostgres({ client: preparingEveryStatement(client), schema }) as unknown as Database,
    kind: "postgres",
    url,
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * An embedded database in `dataDir`, or in memory when no folder is given (tests). The folder is
 * locked for this process until `close()` (db/data-dir.ts); a folder with files that is not a
 * database PGlite can resume is refused, never initialised over.
 */
export async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<DatabaseHandle> {
  if (!dataDir) return pgliteHandle(await PGlite.create({ loadDataDir }), false, async () => {});
  const lock = lockDataDir(dataDir);
  try {
    const created = inspectDataDir(dataDir) === "new";
    if (loadDataDir && !created) throw unusable(dataDir, "a backup is restored only into an empty folder");
    let client: PGlite;
    try {
      client = await PGlite.create({ dataDir, loadDataDir });
    } catch (error) {
      if (created) throw error;
      throw unusable(dataDir, `PGlite could not open it (${describe(error)})`);
    }
    return pgliteHandle(client, created, async () => lock.release());
  } catch (error) {
    lock.release();
    throw error;
  }
}

function pgliteHandle(client: PGlite, created: boolean, release: () => Promise<void>): DatabaseHandle {
  return {
    db: drizzlePglite({ client, schema }) as unknown as Database,
    kind: "pglite",
    pglite: client,
    created,
    close: () => client.close().finally(release),
  };
}

function describe(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 300);
}

export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === "pglite") {
    await migratePglite(handle.db as never, { migrationsFolder });
    return;
  }
  // Advisory locks belong to a session, so hold one connection for the whole migration.
  if (!handle.url) throw new Error("A PostgreSQL handle needs its URL to migrate");
  const single = postgres(handle.url, { max: 1, onnotice: () => {} });
  try {
    await single`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(drizzlePostgres({ client: single }), { migrationsFolder });
    await single`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await single.end({ timeout: 5 });
  }
}

/** Opens the database named by the environment and brings its schema up to date. */
export async function openDatabaseFromEnv(): Promise<DatabaseHandle> {
  const url = env("DATABASE_URL");
  if (url) {
    const handle = await openPostgres(url);
    await migrateDatabase(handle);
    return handle;
  }
  const dir = path.resolve(/*turbopackIgnore: true*/ env("PUENTE_DATA_DIR") ?? ".data");
  const handle = await openPglite(dir);
  try {
    // Migrating a database that is not Puente's would write Puente's tables into someone else's.
    if (!handle.created && !(await hasPuenteTables(handle))) {
      throw unusable(dir, "it is a PostgreSQL database without Puente's tables");
    }
    await migrateDatabase(handle);
  } catch (error) {
    await handle.close();
    throw error;
  }
  exitWhenPgliteAborts(handle.pglite!, dir);
  return handle;
}

async function hasPuenteTables(handle: DatabaseHandle): Promise<boolean> {
  const { rows } = await handle.pglite!.query<{ found: string | null }>(
    "select to_regclass('drizzle.__drizzle_migrations')::text as found",
  );
  return Boolean(rows[0]?.found);
}

/**
 * PGlite runs PostgreSQL as WebAssembly on this process's one thread. Once it aborts, or fails to
 * write its WAL (a full disk), it cannot go on: the next query spun at 100% CPU, answering
 * nothing, not even SIGTERM. Checked inside PGlite's own query lock, so no other query gets in:
 * say why and exit at once, so that a supervisor starts a fresh process, which recovers the
 * folder from its WAL. A stall nothing here can see is ended by the watchdog below.
 */
function exitWhenPgliteAborts(client: PGlite, dir: string) {
  const beat = watchForStalls(dir);
  for (const method of ["execProtocol", "execProtocolStream"] as const) {
    const original = client[method].bind(client) as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      beat();
      try {
        return await original(...args);
      } catch (error) {
        if (isFatalPgliteError(error)) {
          console.error(`The embedded database in ${dir} cannot go on (${describe(error)}): exiting.`);
          process.exit(70); // EX_SOFTWARE
        }
        throw error;
      } finally {
        beat();
      }
    };
  }
}

/**
 * WebAssembly's abort, a file system error that escaped PostgreSQL, or a WAL write that failed:
 * after the last, PGlite's next query never returns. (A table that cannot grow is an ordinary
 * error: the transaction is rolled back and the database goes on.)
 */
export function isFatalPgliteError(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if (e instanceof WebAssembly.RuntimeError) return true;
    const { name, message, code } = e as { name?: unknown; message?: unknown; code?: unknown };
    const text = typeof message === "string" ? message : "";
    if (name === "ErrnoError" || text.includes("Aborted(")) return true;
    if (code === "53100" && /pg_wal|xlog/i.test(text)) return true;
  }
  return false;
}

/**
 * A second thread that ends the process when this one has shown no sign of progress for
 * PUENTE_STALL_SECONDS (8): PGlite's queries take milliseconds, so a thread stuck that long is
 * stuck for good, and would ignore SIGTERM (Node runs signal handlers on this thread). Ending it
 * lets a supervisor restart it and keeps SIGTERM's promise of an end within 10 s.
 * Progress is a timer firing or a query starting or ending: awaited PGlite queries resolve as
 * microtasks, so a long chain of them (a first start's demo data) starves every timer while
 * working well. The returned function records progress.
 */
function watchForStalls(dir: string): () => void {
  const seconds = Number(env("PUENTE_STALL_SECONDS") ?? 8);
  if (!(seconds > 0)) return () => {};
  const beats = new Int32Array(new SharedArrayBuffer(4));
  const now = () => Math.floor(performance.now() / 100);
  const beat = () => Atomics.store(beats, 0, now());
  beat();
  setInterval(beat, 500).unref();
  const watchdog = new Worker(
    `const { workerData: { beat, limit, message, start } } = require("node:worker_threads");
     const { writeSync } = require("node:fs");
     const now = () => Math.floor((performance.timeOrigin + performance.now() - start) / 100);
     setInterval(() => {
       if (now() - Atomics.load(beat, 0) > limit) {
         writeSync(2, message + "\\n");
         process.kill(process.pid, "SIGKILL");
       }
     }, 500);`,
    {
      eval: true,
      // Not the parent's flags (--input-type=module would make this script a module, a loader slows it).
      execArgv: [],
      workerData: {
        beat: beats,
        limit: seconds * 10,
        start: performance.timeOrigin,
        message: `The embedded database in ${dir} has kept this process from answering for ${seconds} s: ending it.`,
      },
    },
  );
  watchdog.on("error", (error) => console.error("The stall watchdog failed:", error));
  watchdog.unref();
  return beat;
}

// One handle per process, kept on globalThis because Next.js loads this module in more than one
// bundle (instrumentation, route handlers, server components) and PGlite allows one opener.
const globalForDb = globalThis as unknown as { puenteDatabase?: Promise<DatabaseHandle> };

export function getDatabase(): Promise<DatabaseHandle> {
  globalForDb.puenteDatabase ??= openDatabaseFromEnv().catch((error: unknown) => {
    globalForDb.puenteDatabase = undefined;
    throw error;
  });
  return globalForDb.puenteDatabase;
}

export async function getDb(): Promise<Database> {
  return (await getDatabase()).db;
}

/** True for PostgreSQL's disk_full (53100), whichever driver raised it: a write found no room. */
export function isDiskFull(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "53100") return true;
  }
  return false;
}

/** True for PostgreSQL's unique_violation (23505), whichever driver raised it. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
