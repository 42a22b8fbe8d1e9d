// A backup (db/backup.ts) is only as good as its restore: back up the demo data, which fills every
// table, restore it into a fresh database, and find every row of every table.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test-support/database";
import { backup, pgliteBackup, restorePostgres, rowCounts } from "@/db/backup";
import { openPglite, type DatabaseHandle } from "@/db/client";
import { seedDemoData } from "./demo";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemoData(handle.db);
});
afterAll(() => handle.close());

describe("backup and restore", () => {
  it("restores every row of every table into a fresh database", async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), "puente-backup-")), "backup.dump");
    await backup(handle, file);
    const before = await rowCounts(handle.db);
    expect(before.users).toBeGreaterThan(0);
    expect(before.actions).toBeGreaterThan(0);

    let restored: DatabaseHandle;
    if (handle.kind === "postgres") {
      const fresh = await createEmptyPostgres();
      await restorePostgres(fresh.url!, file);
      restored = fresh;
    } else {
      restored = await openPglite(undefined, await pgliteBackup(file));
    }
    try {
      expect(await rowCounts(restored.db)).toEqual(before);
    } finally {
      await restored.close();
    }
  });
});

/** An empty PostgreSQL database (no migrations): pg_restore brings the schema with the data. */
async function createEmptyPostgres(): Promise<DatabaseHandle> {
  const { default: postgres } = await import("postgres");
  const { openPostgres } = await import("@/db/client");
  const { randomBytes } = await import("node:crypto");
  const base = process.env.DATABASE_URL!;
  const name = `puente_restore_${randomBytes(5).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const fresh = await openPostgres(url.toString());
  return {
    ...fresh,
    async close() {
      await fresh.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
