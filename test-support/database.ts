// A clean database for one test file: a new PostgreSQL database when DATABASE_URL is set (dropped
// afterwards), otherwise an in-memory PGlite. Both get the real migrations.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { env, migrateDatabase, openPglite, openPostgres, type DatabaseHandle } from "@/db/client";

export async function createTestDatabase(): Promise<DatabaseHandle> {
  const url = env("DATABASE_URL");
  if (!url) {
    const handle = await openPglite();
    await migrateDatabase(handle);
    return handle;
  }
  const name = `puente_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const handle = await openPostgres(testUrl.toString());
  await migrateDatabase(handle);
  return {
    ...handle,
    async close() {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}
