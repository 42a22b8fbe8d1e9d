// PostgreSQL only: a group keeps a coordinator even when its coordinators act at the same moment.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { memberships } from "@/db/schema";
import { createTestDatabase } from "../../test-support/database";
import { addMember, callerFor, makeGroup, makeUser } from "../../test-support/factories";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

describe("concurrent role changes", () => {
  it("two coordinators demoting each other at once leave exactly one coordinator, 20 times out of 20", async () => {
    for (let round = 0; round < 20; round++) {
      const group = await makeGroup(handle.db);
      const a = await makeUser(handle.db);
      const b = await makeUser(handle.db);
      await addMember(handle.db, group.id, a.id, "coordinator");
      await addMember(handle.db, group.id, b.id, "coordinator");
      const results = await Promise.allSettled([
        callerFor(handle.db, a).groups.changeRole({ groupId: group.id, userId: b.id, role: "member" }),
        callerFor(handle.db, b).groups.removeMember({ groupId: group.id, userId: a.id }),
        callerFor(handle.db, a).groups.leave({ groupId: group.id }),
      ]);
      const left = await handle.db
        .select()
        .from(memberships)
        .where(
          and(
            eq(memberships.groupId, group.id),
            eq(memberships.status, "active"),
            eq(memberships.role, "coordinator"),
          ),
        );
      expect(left, JSON.stringify(results.map((r) => r.status))).toHaveLength(1);
      for (const result of results) {
        if (result.status === "rejected")
          expect(result.reason).toMatchObject({
            code: expect.stringMatching(/CONFLICT|NOT_FOUND|FORBIDDEN/),
          });
      }
    }
  });
});
