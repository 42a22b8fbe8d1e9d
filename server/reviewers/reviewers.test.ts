// Finding people to make story reviewers, and granting and withdrawing the role: for admins only,
// every change in the audit log. Tried as an admin, a coordinator, a reviewer and a stranger.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { createTestDatabase } from "../../test-support/database";
import { callerFor, makeUser, personInGroup, refusal } from "../../test-support/factories";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

describe("finding a person to make a reviewer", () => {
  it("finds them by their whole email address, any case, showing only a masked address", async () => {
    const db = handle.db;
    const admin = callerFor(db, await makeUser(db, { isAdmin: true }));
    const person = await makeUser(db, { name: "Guadalupe Reyes" });
    const found = await admin.reviewers.find({ query: person.email.toUpperCase() });
    expect(found).toEqual([
      {
        id: person.id,
        name: "Guadalupe Reyes",
        email: `p…@example.org`,
        reviewer: false,
        isAdmin: false,
      },
    ]);
    expect(JSON.stringify(found)).not.toContain(person.email);
  });

  it("does not find anyone by a part of an address (the search lists no addresses)", async () => {
    const db = handle.db;
    const admin = callerFor(db, await makeUser(db, { isAdmin: true }));
    const person = await makeUser(db);
    expect(await admin.reviewers.find({ query: person.email.slice(0, -4) })).toEqual([]);
    expect(await admin.reviewers.find({ query: "@example.org" })).toEqual([]);
  });

  it("finds them by part of their name, with % and _ taken literally", async () => {
    const db = handle.db;
    const admin = callerFor(db, await makeUser(db, { isAdmin: true }));
    const suffix = Math.random().toString(36).slice(2, 8);
    const person = await makeUser(db, { name: `Rosa Quintero ${suffix}` });
    expect((await admin.reviewers.find({ query: `quintero ${suffix}` })).map((p) => p.id)).toEqual([
      person.id,
    ]);
    expect(await admin.reviewers.find({ query: `%${suffix}%_` })).toEqual([]);
  });

  it("is for admins only: a coordinator, a reviewer and a stranger are refused, a signed-out caller too", async () => {
    const db = handle.db;
    const person = await makeUser(db);
    const coordinator = await personInGroup(db, "coordinator");
    const reviewer = await makeUser(db, { reviewer: true });
    for (const api of [coordinator.api, callerFor(db, reviewer), callerFor(db, await makeUser(db))]) {
      expect((await refusal(api.reviewers.find({ query: person.email }))).code).toBe("FORBIDDEN");
    }
    expect((await refusal(callerFor(db, null).reviewers.find({ query: person.email }))).code).toBe(
      "UNAUTHORIZED",
    );
  });

  it("refuses a query of fewer than two letters, in the reader's language", async () => {
    const db = handle.db;
    const admin = callerFor(db, await makeUser(db, { isAdmin: true }));
    const refused = await refusal(admin.reviewers.find({ query: " a " }));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(Object.keys(refused.fieldErrors ?? {})).toEqual(["query"]);
  });
});

describe("granting and withdrawing the role", () => {
  it("lists the person among the reviewers once granted, not once withdrawn, and audits both by the admin", async () => {
    const db = handle.db;
    const adminUser = await makeUser(db, { isAdmin: true });
    const admin = callerFor(db, adminUser);
    const person = await makeUser(db);
    await admin.reviewers.set({ userId: person.id, reviewer: true });
    expect((await admin.reviewers.list()).map((r) => r.id)).toContain(person.id);
    expect((await admin.reviewers.find({ query: person.email }))[0]!.reviewer).toBe(true);
    await admin.reviewers.set({ userId: person.id, reviewer: false });
    expect((await admin.reviewers.list()).map((r) => r.id)).not.toContain(person.id);
    const audited = await db
      .select({ action: auditEvents.action, actorId: auditEvents.actorId })
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, person.id));
    expect(audited.sort((x, y) => x.action.localeCompare(y.action))).toEqual([
      { action: "user.reviewer_grant", actorId: adminUser.id },
      { action: "user.reviewer_revoke", actorId: adminUser.id },
    ]);
  });

  it("refuses someone who is not an admin, and changes nothing", async () => {
    const db = handle.db;
    const reviewer = await makeUser(db, { reviewer: true });
    const person = await makeUser(db);
    expect(
      (await refusal(callerFor(db, reviewer).reviewers.set({ userId: person.id, reviewer: true }))).code,
    ).toBe("FORBIDDEN");
    const admin = callerFor(db, await makeUser(db, { isAdmin: true }));
    expect((await admin.reviewers.list()).map((r) => r.id)).not.toContain(person.id);
    const audited = await db.select().from(auditEvents).where(eq(auditEvents.subjectId, person.id));
    expect(audited).toHaveLength(0);
  });
});
