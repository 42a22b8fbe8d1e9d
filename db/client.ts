// The one database client: PostgreSQL through `postgres` when DATABASE_URL is set, otherwise an
// embedded PGlite database in PUENTE_DATA_DIR (default ./.data). Same schema, same migrations.
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { inspectDataDir, lockDataDir, unusable } from "./data-dir";
import * as schema from "./schema";

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

/** Empty environment variables count as unset (a blank `DATABASE_URL=` means "embedded"). */
export function env(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value ? value : undefined;
}

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
    db: drizzlePostgres({ client, schema }) as unknown as Database,
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
 * PGlite runs PostgreSQL as WebAssembly inside this process: once it aborts (a write PostgreSQL
 * could not survive, such as its WAL on a full disk), every later query fails or never returns.
 * A process that cannot reach its database is no use to anyone: say why and exit at once, so
 * that a supervisor starts a fresh one, which recovers the folder from its WAL.
 */
function exitWhenPgliteAborts(client: PGlite, dir: string) {
  for (const method of ["query", "exec", "transaction"] as const) {
    const original = client[method].bind(client) as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      try {
        return await original(...args);
      } catch (error) {
        if (isFatalPgliteError(error)) {
          console.error(
            `The embedded database in ${dir} stopped and cannot go on (${describe(error)}): exiting.`,
          );
          process.exit(70); // EX_SOFTWARE
        }
        throw error;
      }
    };
  }
}

/** WebAssembly's abort, or a file system error that escaped PostgreSQL's own error handling. */
export function isFatalPgliteError(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if (e instanceof WebAssembly.RuntimeError) return true;
    const { name, message } = e as { name?: unknown; message?: unknown };
    if (name === "ErrnoError" || (typeof message === "string" && message.includes("Aborted("))) return true;
  }
  return false;
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
