import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { memberships } from "@/db/schema";
import { createTestDatabase } from "../../test-support/database";
import { addMember, callerFor, makeGroup, makeUser } from "../../test-support/factories";
import { DIRECTORY_PAGE_SIZE } from "./inputs";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

describe("the group directory", () => {
  it("lists verified groups only, to anyone", async () => {
    const listed = await makeGroup(handle.db, { name: "Listed Shelter", verified: true });
    const hidden = await makeGroup(handle.db, { name: "Hidden Union", verified: false });
    const { groups } = await callerFor(handle.db, null).groups.directory({});
    const ids = groups.map((g) => g.id);
    expect(ids).toContain(listed.id);
    expect(ids).not.toContain(hidden.id);
  });

  it("finds groups by part of their name or city, treating % and _ literally", async () => {
    await makeGroup(handle.db, { name: "Samaritanos del Desierto", city: "Nogales" });
    const api = callerFor(handle.db, null);
    expect((await api.groups.directory({ query: "samarit" })).groups.map((g) => g.name)).toEqual([
      "Samaritanos del Desierto",
    ]);
    expect((await api.groups.directory({ query: "nogal" })).groups).toHaveLength(1);
    expect((await api.groups.directory({ query: "%" })).groups).toHaveLength(0);
  });

  it("filters by kind and country", async () => {
    await makeGroup(handle.db, { name: "Clínica Juárez", kind: "medical", country: "MX" });
    await makeGroup(handle.db, { name: "Clinic El Paso", kind: "medical", country: "US" });
    const { groups } = await callerFor(handle.db, null).groups.directory({ kind: "medical", country: "US" });
    expect(groups.map((g) => g.name)).toEqual(["Clinic El Paso"]);
  });

  it("pages through every group exactly once, in name order", async () => {
    for (let i = 0; i < DIRECTORY_PAGE_SIZE + 5; i++) {
      await makeGroup(handle.db, { name: `Paged ${String(i).padStart(3, "0")}`, kind: "student" });
    }
    const api = callerFor(handle.db, null);
    const first = await api.groups.directory({ kind: "student" });
    expect(first.groups).toHaveLength(DIRECTORY_PAGE_SIZE);
    expect(first.next).not.toBeNull();
    const second = await api.groups.directory({ kind: "student", after: first.next! });
    expect(second.next).toBeNull();
    const names = [...first.groups, ...second.groups].map((g) => g.name);
    expect(names).toHaveLength(DIRECTORY_PAGE_SIZE + 5);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("a group's page", () => {
  it("is public for a verified group", async () => {
    const group = await makeGroup(handle.db, { verified: true });
    await expect(callerFor(handle.db, null).groups.bySlug({ slug: group.slug })).resolves.toMatchObject({
      name: group.name,
    });
  });

  it("is hidden for an unverified group, except from its members and admins", async () => {
    const group = await makeGroup(handle.db, { verified: false });
    const member = await makeUser(handle.db);
    const stranger = await makeUser(handle.db);
    const admin = await makeUser(handle.db, { isAdmin: true });
    await addMember(handle.db, group.id, member.id);
    await expect(callerFor(handle.db, null).groups.bySlug({ slug: group.slug })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(callerFor(handle.db, stranger).groups.bySlug({ slug: group.slug })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(callerFor(handle.db, member).groups.bySlug({ slug: group.slug })).resolves.toBeTruthy();
    await expect(callerFor(handle.db, admin).groups.bySlug({ slug: group.slug })).resolves.toBeTruthy();
  });

  it("does not exist for a slug nobody has", async () => {
    await expect(callerFor(handle.db, null).groups.bySlug({ slug: "nobody-has-this" })).rejects.toMatchObject(
      {
        code: "NOT_FOUND",
      },
    );
  });
});

describe("a group's member list", () => {
  it("is shown to its active members, with roles", async () => {
    const group = await makeGroup(handle.db);
    const coordinator = await makeUser(handle.db, { name: "Coord" });
    const member = await makeUser(handle.db, { name: "Member" });
    await addMember(handle.db, group.id, coordinator.id, "coordinator");
    await addMember(handle.db, group.id, member.id, "member");
    const roster = await callerFor(handle.db, member).groups.members({ groupId: group.id });
    expect(roster.map((m) => [m.name, m.role])).toEqual([
      ["Coord", "coordinator"],
      ["Member", "member"],
    ]);
  });

  it("is refused to a member of another group asking by id (no IDOR)", async () => {
    const theirs = await makeGroup(handle.db);
    const mine = await makeGroup(handle.db);
    const me = await makeUser(handle.db);
    await addMember(handle.db, mine.id, me.id, "coordinator");
    await expect(callerFor(handle.db, me).groups.members({ groupId: theirs.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("is refused to pending members, to admins who are not members, and to the signed out", async () => {
    const group = await makeGroup(handle.db);
    const pending = await makeUser(handle.db);
    const admin = await makeUser(handle.db, { isAdmin: true });
    await addMember(handle.db, group.id, pending.id, "member", "pending");
    await expect(callerFor(handle.db, pending).groups.members({ groupId: group.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(callerFor(handle.db, admin).groups.members({ groupId: group.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(callerFor(handle.db, null).groups.members({ groupId: group.id })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });

  it("is refused on the very next request after a member is removed", async () => {
    const group = await makeGroup(handle.db);
    const me = await makeUser(handle.db);
    const membership = await addMember(handle.db, group.id, me.id);
    const api = callerFor(handle.db, me);
    await expect(api.groups.members({ groupId: group.id })).resolves.toHaveLength(1);
    await handle.db.update(memberships).set({ status: "removed" }).where(eq(memberships.id, membership.id));
    await expect(api.groups.members({ groupId: group.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
