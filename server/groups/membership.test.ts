import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, groups, memberships } from "@/db/schema";
import { createTestDatabase } from "../../test-support/database";
import { addMember, callerFor, makeGroup, makeUser } from "../../test-support/factories";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const details = {
  name: "Casa del Migrante — Tijuana",
  kind: "shelter" as const,
  country: "MX" as const,
  city: "Tijuana",
  region: "Baja California",
  descriptionEs: "Albergue para familias.",
  descriptionEn: "A shelter for families.",
  contact: "casa@example.org",
};

async function statusOf(groupId: string, userId: string) {
  const [row] = await handle.db
    .select({ role: memberships.role, status: memberships.status })
    .from(memberships)
    .where(and(eq(memberships.groupId, groupId), eq(memberships.userId, userId)));
  return row;
}

describe("creating a group", () => {
  it("makes an unverified group with a stable slug and its creator as coordinator, audited", async () => {
    const creator = await makeUser(handle.db);
    const created = await callerFor(handle.db, creator).groups.create(details);
    expect(created.slug).toBe("casa-del-migrante-tijuana");
    const [group] = await handle.db.select().from(groups).where(eq(groups.id, created.id));
    expect(group).toMatchObject({ verified: false, name: details.name });
    expect(await statusOf(created.id, creator.id)).toEqual({ role: "coordinator", status: "active" });
    const events = await handle.db.select().from(auditEvents).where(eq(auditEvents.groupId, created.id));
    expect(events.map((e) => e.action)).toEqual(["group.create"]);
  });

  it("refuses a duplicate name, whatever its case, with CONFLICT and writes nothing", async () => {
    const someone = await makeUser(handle.db);
    const api = callerFor(handle.db, someone, "es");
    await expect(
      api.groups.create({ ...details, name: "CASA DEL MIGRANTE — TIJUANA" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(api.groups.create({ ...details, name: "Casa del Migrante Tijuana" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const mine = await api.groups.mine();
    expect(mine.groups).toEqual([]);
  });

  it("refuses empty and over-long fields, naming the field", async () => {
    const someone = await makeUser(handle.db);
    const api = callerFor(handle.db, someone);
    await expect(api.groups.create({ ...details, name: "  " })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(api.groups.create({ ...details, city: "x".repeat(81) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(api.groups.create({ ...details, name: "¡¡¡!!!" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("is not listed in the directory until an admin verifies it", async () => {
    const creator = await makeUser(handle.db);
    const admin = await makeUser(handle.db, { isAdmin: true });
    const created = await callerFor(handle.db, creator).groups.create({
      ...details,
      name: "Colectivo Nogales",
    });
    const anonymous = callerFor(handle.db, null);
    expect((await anonymous.groups.directory({ query: "Nogales" })).groups).toHaveLength(0);
    const queue = await callerFor(handle.db, admin).groups.vettingQueue();
    expect(queue.map((g) => g.name)).toContain("Colectivo Nogales");
    await callerFor(handle.db, admin).groups.verify({ groupId: created.id, note: "Known to Frontera Legal" });
    expect((await anonymous.groups.directory({ query: "Nogales" })).groups).toHaveLength(1);
    expect((await callerFor(handle.db, admin).groups.vettingQueue()).map((g) => g.id)).not.toContain(
      created.id,
    );
  });

  it("shows a rejection and its note to the group's coordinator, and takes it out of the queue", async () => {
    const creator = await makeUser(handle.db);
    const admin = await makeUser(handle.db, { isAdmin: true });
    const created = await callerFor(handle.db, creator).groups.create({ ...details, name: "Grupo Dudoso" });
    await callerFor(handle.db, admin).groups.reject({ groupId: created.id, note: "No public track record" });
    const page = await callerFor(handle.db, creator).groups.bySlug({ slug: created.slug });
    expect(page.vetting).toEqual({ rejected: true, note: "No public track record" });
    expect((await callerFor(handle.db, admin).groups.vettingQueue()).map((g) => g.id)).not.toContain(
      created.id,
    );
  });

  it("requires a note to reject", async () => {
    const admin = await makeUser(handle.db, { isAdmin: true });
    const group = await makeGroup(handle.db, { verified: false });
    await expect(
      callerFor(handle.db, admin).groups.reject({ groupId: group.id, note: "" }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});

describe("joining a group", () => {
  it("goes from asking, to pending, to active when an organizer approves", async () => {
    const group = await makeGroup(handle.db);
    const organizer = await makeUser(handle.db);
    const volunteer = await makeUser(handle.db, {
      name: "Volunteer",
      skills: ["medical", "translation"],
      languagesSpoken: ["es", "en"],
    });
    await addMember(handle.db, group.id, organizer.id, "organizer");
    await callerFor(handle.db, volunteer).groups.requestToJoin({ groupId: group.id });
    expect(await statusOf(group.id, volunteer.id)).toEqual({ role: "member", status: "pending" });
    const requests = await callerFor(handle.db, organizer).groups.requests({ groupId: group.id });
    expect(requests.map((r) => r.name)).toEqual(["Volunteer"]);
    // Context beside the name: what they said of themselves, and when they asked.
    expect(requests[0]).toMatchObject({ skills: ["medical", "translation"], languages: ["es", "en"] });
    expect(requests[0]!.askedAt).toBeInstanceOf(Date);
    await callerFor(handle.db, organizer).groups.decideRequest({
      groupId: group.id,
      userId: volunteer.id,
      approve: true,
    });
    expect(await statusOf(group.id, volunteer.id)).toEqual({ role: "member", status: "active" });
  });

  it("asking twice is one request, not an error", async () => {
    const group = await makeGroup(handle.db);
    const volunteer = await makeUser(handle.db);
    const api = callerFor(handle.db, volunteer);
    await api.groups.requestToJoin({ groupId: group.id });
    await expect(api.groups.requestToJoin({ groupId: group.id })).resolves.toEqual({ status: "pending" });
    const rows = await handle.db.select().from(memberships).where(eq(memberships.userId, volunteer.id));
    expect(rows).toHaveLength(1);
  });

  it("a rejected person can ask again later", async () => {
    const group = await makeGroup(handle.db);
    const coordinator = await makeUser(handle.db);
    const volunteer = await makeUser(handle.db);
    await addMember(handle.db, group.id, coordinator.id, "coordinator");
    await callerFor(handle.db, volunteer).groups.requestToJoin({ groupId: group.id });
    await callerFor(handle.db, coordinator).groups.decideRequest({
      groupId: group.id,
      userId: volunteer.id,
      approve: false,
    });
    expect((await statusOf(group.id, volunteer.id))?.status).toBe("removed");
    await callerFor(handle.db, volunteer).groups.requestToJoin({ groupId: group.id });
    expect((await statusOf(group.id, volunteer.id))?.status).toBe("pending");
  });

  it("cannot be asked of an unverified group", async () => {
    const group = await makeGroup(handle.db, { verified: false });
    const volunteer = await makeUser(handle.db);
    await expect(
      callerFor(handle.db, volunteer).groups.requestToJoin({ groupId: group.id }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("roles", () => {
  it("a coordinator promotes a member to organizer, audited with both roles", async () => {
    const group = await makeGroup(handle.db);
    const coordinator = await makeUser(handle.db);
    const member = await makeUser(handle.db);
    await addMember(handle.db, group.id, coordinator.id, "coordinator");
    await addMember(handle.db, group.id, member.id, "member");
    await callerFor(handle.db, coordinator).groups.changeRole({
      groupId: group.id,
      userId: member.id,
      role: "organizer",
    });
    expect((await statusOf(group.id, member.id))?.role).toBe("organizer");
    const [event] = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.groupId, group.id), eq(auditEvents.action, "membership.role_change")));
    expect(event?.detail).toEqual({ from: "member", to: "organizer" });
  });

  it("the last coordinator can neither step down, nor leave, nor be removed", async () => {
    const group = await makeGroup(handle.db);
    const coordinator = await makeUser(handle.db);
    await addMember(handle.db, group.id, coordinator.id, "coordinator");
    const api = callerFor(handle.db, coordinator, "es");
    await expect(
      api.groups.changeRole({ groupId: group.id, userId: coordinator.id, role: "member" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(api.groups.leave({ groupId: group.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await statusOf(group.id, coordinator.id)).toEqual({ role: "coordinator", status: "active" });
  });

  it("with two coordinators, one may step down", async () => {
    const group = await makeGroup(handle.db);
    const first = await makeUser(handle.db);
    const second = await makeUser(handle.db);
    await addMember(handle.db, group.id, first.id, "coordinator");
    await addMember(handle.db, group.id, second.id, "coordinator");
    await callerFor(handle.db, first).groups.changeRole({
      groupId: group.id,
      userId: first.id,
      role: "organizer",
    });
    await expect(
      callerFor(handle.db, second).groups.changeRole({
        groupId: group.id,
        userId: second.id,
        role: "member",
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("an organizer may remove a member but not another organizer", async () => {
    const group = await makeGroup(handle.db);
    const organizer = await makeUser(handle.db);
    const other = await makeUser(handle.db);
    const member = await makeUser(handle.db);
    await addMember(handle.db, group.id, organizer.id, "organizer");
    await addMember(handle.db, group.id, other.id, "organizer");
    await addMember(handle.db, group.id, member.id, "member");
    const api = callerFor(handle.db, organizer);
    await expect(api.groups.removeMember({ groupId: group.id, userId: other.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await api.groups.removeMember({ groupId: group.id, userId: member.id });
    expect((await statusOf(group.id, member.id))?.status).toBe("removed");
    expect((await statusOf(group.id, other.id))?.status).toBe("active");
  });

  it("a removed member loses access on their very next request", async () => {
    const group = await makeGroup(handle.db);
    const coordinator = await makeUser(handle.db);
    const member = await makeUser(handle.db);
    await addMember(handle.db, group.id, coordinator.id, "coordinator");
    await addMember(handle.db, group.id, member.id, "member");
    const memberApi = callerFor(handle.db, member);
    await expect(memberApi.groups.members({ groupId: group.id })).resolves.toHaveLength(2);
    await callerFor(handle.db, coordinator).groups.removeMember({ groupId: group.id, userId: member.id });
    await expect(memberApi.groups.members({ groupId: group.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("a member leaves, and the group shows in their list no more", async () => {
    const group = await makeGroup(handle.db);
    const member = await makeUser(handle.db);
    await addMember(handle.db, group.id, member.id, "member");
    const api = callerFor(handle.db, member);
    expect((await api.groups.mine()).groups.map((g) => g.groupId)).toEqual([group.id]);
    await api.groups.leave({ groupId: group.id });
    expect((await api.groups.mine()).groups).toEqual([]);
  });
});
