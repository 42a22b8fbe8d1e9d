// PostgreSQL only: the app keeps working when the server drops its connections.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test-support/database";
import type { DatabaseHandle } from "./client";
import { users } from "./schema";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

describe("the PostgreSQL client", () => {
  it("reconnects by itself after PostgreSQL drops every connection, as in a restart", async () => {
    await handle.db.insert(users).values({ email: "survivor@example.org" });
    // A separate connection kills every backend of this database, the pool's included.
    const { default: postgres } = await import("postgres");
    const killer = postgres(handle.url!, { max: 1, onnotice: () => {} });
    const killed = await killer`
      select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()`;
    await killer.end();
    expect(killed.length).toBeGreaterThan(0);

    const outcomes: boolean[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      outcomes.push(
        await handle.db
          .execute(sql`select 1`)
          .then(() => true)
          .catch(() => false),
      );
    }
    // At most the first query meets a dead connection; after that the pool has new ones.
    expect(outcomes.slice(1).every(Boolean)).toBe(true);
    const rows = await handle.db.select({ email: users.email }).from(users);
    expect(rows.map((r) => r.email)).toContain("survivor@example.org");
  });
});
