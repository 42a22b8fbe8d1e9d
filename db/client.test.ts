// The database client survives what production throws at it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test-support/database";
import { migrateDatabase, type DatabaseHandle } from "./client";
import { users } from "./schema";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

describe("the database client", () => {
  it("applies the migrations a second time without changing anything", async () => {
    await handle.db.insert(users).values({ email: "keep@example.org" });
    await migrateDatabase(handle);
    const rows = await handle.db.select({ email: users.email }).from(users);
    expect(rows.map((r) => r.email)).toContain("keep@example.org");
  });
});
