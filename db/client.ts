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
import { env } from "./env";
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
    db: drizzlePostgres({ client, schema }) as unknown as Database,
    kind: "postgres",
    url,
    close: () => client.end({ timeout: 5 }),
  };
}

/** An embedded database in `dataDir`, or in memory when no folder is given (tests). */
export async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<DatabaseHandle> {
  const client = await PGlite.create({ dataDir, loadDataDir });
  return {
    db: drizzlePglite({ client, schema }) as unknown as Database,
    kind: "pglite",
    pglite: client,
    close: () => client.close(),
  };
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
  const handle = url
    ? await openPostgres(url)
    : await openPglite(path.resolve(/*turbopackIgnore: true*/ env("PUENTE_DATA_DIR") ?? ".data"));
  await migrateDatabase(handle);
  return handle;
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

/** True for PostgreSQL's unique_violation (23505), whichever driver raised it. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
