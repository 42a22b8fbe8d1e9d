// PostgreSQL only: the submission limit holds when one address sends many stories at once, and a
// story withdrawn while a reviewer publishes it ends up withdrawn, whichever comes first.
import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { stories } from "@/db/schema";
import { createTestDatabase } from "../../test-support/database";
import { callerFor, makeStory, makeUser } from "../../test-support/factories";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

describe("under concurrency", () => {
  it("stores exactly five of 40 stories sent at once from one address, refusing the rest with 429", async () => {
    const api = callerFor(handle.db, null, "es", "client-flood");
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        api.stories.submit({ pseudonym: `Flood ${i}`, country: "HN", textEs: "Texto.", consent: true }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    for (const result of results) {
      if (result.status === "rejected") expect(result.reason).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    }
    expect(await handle.db.select().from(stories).where(like(stories.pseudonym, "Flood %"))).toHaveLength(5);
  });

  it("a story withdrawn while it is being published is withdrawn, 10 times out of 10", async () => {
    const admin = await makeUser(handle.db, { isAdmin: true });
    for (let round = 0; round < 10; round++) {
      const story = await makeStory(handle.db);
      await Promise.allSettled([
        callerFor(handle.db, admin).stories.publish({
          storyId: story.id,
          pseudonym: "Pub",
          textEs: "Texto.",
        }),
        callerFor(handle.db, null).stories.withdraw({ token: story.token }),
      ]);
      const [row] = await handle.db.select().from(stories).where(eq(stories.id, story.id));
      expect(row).toMatchObject({ status: "withdrawn", textEs: null, pseudonym: "" });
    }
  });
});
