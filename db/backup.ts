// Backups: pg_dump's custom format for PostgreSQL (consistent while the app runs), and a tarball
// of the data folder for the embedded database (stop the app first: PGlite has one opener).
import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import type { Database, DatabaseHandle } from "./client";

const run = promisify(execFile);

export async function backup(handle: DatabaseHandle, file: string): Promise<void> {
  if (handle.kind === "postgres") {
    await run("pg_dump", ["--format=custom", "--no-owner", "--file", file, handle.url!]);
    return;
  }
  const dump = await handle.pglite!.dumpDataDir("gzip");
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
}

/** Restores into an empty PostgreSQL database named by `url`. */
export async function restorePostgres(url: string, file: string): Promise<void> {
  await run("pg_restore", ["--no-owner", "--exit-on-error", "--dbname", url, file]);
}

/** The contents of an embedded-database backup, to open with `openPglite(dir, blob)`. */
export async function pgliteBackup(file: string): Promise<Blob> {
  return new Blob([await readFile(file)]);
}

/** Rows of a raw query, whichever driver ran it (postgres-js gives an array, PGlite `{ rows }`). */
function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}

/** Rows per table: what a restore is checked against. */
export async function rowCounts(db: Database): Promise<Record<string, number>> {
  const tables = rowsOf<{ name: string }>(
    await db.execute(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    ),
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = rowsOf<{ n: number }>(
      await db.execute(sql.raw(`select count(*)::int as n from "${name}"`)),
    );
    counts[name] = Number(row?.n ?? 0);
  }
  return counts;
}
