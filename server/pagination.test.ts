// Keyset pagination on the paged lists: rows that tie on the sort column are broken by id, so
// paging through returns each row exactly once, in order, with nothing skipped at a page's edge.
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { actions, auditEvents } from "@/db/schema";
import { AUDIT_PAGE_SIZE } from "./audit/inputs";
import { DIRECTORY_PAGE_SIZE } from "./groups/inputs";
import { callerFor, makeAction, makeGroup, makeStory, makeUser } from "../test-support/factories";
import { setUpDatabase } from "../test-support/setup";

const handle = setUpDatabase();

/** Every page, following `next` until there is none. */
async function allPages<Row, Cursor>(
  page: (cursor: Cursor | undefined) => Promise<{ rows: Row[]; next: Cursor | null }>,
): Promise<Row[]> {
  const rows: Row[] = [];
  let cursor: Cursor | undefined;
  for (let pages = 0; pages < 20; pages++) {
    const result = await page(cursor);
    rows.push(...result.rows);
    if (!result.next) return rows;
    cursor = result.next;
  }
  throw new Error("more than 20 pages: the cursor does not advance");
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe("paging through a list", () => {
  it("lists every group once in the directory, in name order across pages (names are unique)", async () => {
    const names = Array.from(
      { length: DIRECTORY_PAGE_SIZE + 5 },
      (_, i) => `Casa del Migrante ${String(i).padStart(2, "0")}`,
    );
    // Made in another order than the one they are listed in.
    for (const name of [...names].reverse()) await makeGroup(handle.db, { name, kind: "shelter" });
    const api = callerFor(handle.db, null);
    const seen = await allPages(async (after: { name: string; id: string } | undefined) => {
      const page = await api.groups.directory({ query: "Casa del Migrante", after });
      return { rows: page.groups.map((g) => g.name), next: page.next };
    });
    expect(seen).toEqual(names);
  });

  it("lists every action starting at one minute once, in id order (ascending)", async () => {
    const group = await makeGroup(handle.db);
    const made = [];
    for (let i = 0; i < 25; i++) made.push((await makeAction(handle.db, group.id)).action);
    const startsAt = made[0]!.startsAt;
    await handle.db
      .update(actions)
      .set({ startsAt })
      .where(
        inArray(
          actions.id,
          made.map((a) => a.id),
        ),
      );
    const api = callerFor(handle.db, null);
    const seen = await allPages(async (after: { startsAt: Date; id: string } | undefined) => {
      const page = await api.actions.list({ groupId: group.id, after });
      return { rows: page.actions.map((a) => a.id), next: page.next };
    });
    expect(seen).toEqual(made.map((a) => a.id).sort(byId));
  });

  it("lists every story published at one instant once, newest first, ties in descending id order", async () => {
    const publishedAt = new Date("2026-01-02T03:04:05.678Z");
    const made = [];
    for (let i = 0; i < 7; i++) made.push(await makeStory(handle.db, { status: "published", publishedAt }));
    const api = callerFor(handle.db, null);
    const seen = await allPages(async (after: { publishedAt: Date; id: string } | undefined) => {
      const page = await api.stories.list({ limit: 3, after });
      return { rows: page.stories.map((s) => s.id), next: page.next };
    });
    expect(seen).toEqual(
      made
        .map((s) => s.id)
        .sort(byId)
        .reverse(),
    );
  });

  it("lists every audit event of one instant once, newest first, ties in descending id order", async () => {
    const admin = await makeUser(handle.db, { isAdmin: true });
    const at = new Date("2026-01-02T03:04:05.678Z");
    const made = await handle.db
      .insert(auditEvents)
      .values(
        Array.from({ length: AUDIT_PAGE_SIZE + 5 }, () => ({
          at,
          actorId: admin.id,
          action: "caravan.report",
          subjectType: "caravan",
        })),
      )
      .returning({ id: auditEvents.id });
    const api = callerFor(handle.db, admin);
    const seen = await allPages(async (before: { at: Date; id: string } | undefined) => {
      const page = await api.audit.list({ actorId: admin.id, kind: "caravan", before });
      return { rows: page.events.map((e) => e.id), next: page.next };
    });
    expect(seen).toEqual(
      made
        .map((e) => e.id)
        .sort(byId)
        .reverse(),
    );
    // The list holds only those: the admin did nothing else.
    expect(await handle.db.$count(auditEvents, eq(auditEvents.actorId, admin.id))).toBe(made.length);
  });
});
