import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, sessions, users } from "@/db/schema";
import { createTestDatabase } from "../../test-support/database";
import { addMember, callerFor, makeMessage, makeUser, personInGroup } from "../../test-support/factories";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const validProfile = {
  name: "Lupe",
  preferredLanguage: "es" as const,
  languagesSpoken: ["es", "EN", "es"],
  skills: ["legal" as const, "translation" as const, "legal" as const],
  phone: "",
};

describe("my profile", () => {
  it("is refused to someone who is not signed in", async () => {
    await expect(callerFor(handle.db, null).me.profile()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("shows me my own profile and nobody else's", async () => {
    const me = await makeUser(handle.db, { name: "Me", skills: ["medical"] });
    await makeUser(handle.db, { name: "Someone else" });
    const profile = await callerFor(handle.db, me).me.profile();
    expect(profile).toMatchObject({ id: me.id, name: "Me", skills: ["medical"] });
  });

  it("saves a cleaned-up profile: trimmed name, deduplicated lowercase languages and skills, blank phone as none", async () => {
    const me = await makeUser(handle.db);
    const saved = await callerFor(handle.db, me).me.updateProfile({ ...validProfile, name: "  Lupe  " });
    expect(saved).toMatchObject({
      name: "Lupe",
      languagesSpoken: ["es", "en"],
      skills: ["legal", "translation"],
      phone: null,
    });
  });

  it("rejects bad input with a typed error and changes nothing", async () => {
    const me = await makeUser(handle.db, { name: "Before" });
    const api = callerFor(handle.db, me);
    const attempts = [
      { ...validProfile, name: "" },
      { ...validProfile, name: "x".repeat(81) },
      { ...validProfile, preferredLanguage: "fr" },
      { ...validProfile, skills: ["hacking"] },
      { ...validProfile, phone: "<script>alert(1)</script>" },
      { ...validProfile, languagesSpoken: ["english; drop table users"] },
    ];
    for (const attempt of attempts) {
      await expect(api.me.updateProfile(attempt as never), JSON.stringify(attempt)).rejects.toMatchObject({
        code: "BAD_REQUEST",
      });
    }
    const [row] = await handle.db.select({ name: users.name }).from(users).where(eq(users.id, me.id));
    expect(row?.name).toBe("Before");
  });

  it("cannot make me an admin: unknown fields are not stored", async () => {
    const me = await makeUser(handle.db);
    await callerFor(handle.db, me).me.updateProfile({ ...validProfile, isAdmin: true } as never);
    const [row] = await handle.db.select({ isAdmin: users.isAdmin }).from(users).where(eq(users.id, me.id));
    expect(row?.isAdmin).toBe(false);
  });
});

describe("signing out everywhere", () => {
  it("ends every session of mine at once, leaves others' alone, and is audited", async () => {
    const me = await makeUser(handle.db);
    const other = await makeUser(handle.db);
    const expires = new Date(Date.now() + 86_400_000);
    await handle.db.insert(sessions).values([
      { sessionToken: `a-${me.id}`, userId: me.id, expires },
      { sessionToken: `b-${me.id}`, userId: me.id, expires },
      { sessionToken: `c-${other.id}`, userId: other.id, expires },
    ]);
    expect(await callerFor(handle.db, me).me.signOutEverywhere()).toEqual({ ended: 2 });
    const left = await handle.db.select({ userId: sessions.userId }).from(sessions);
    expect(left.filter((s) => s.userId === me.id)).toHaveLength(0);
    expect(left.filter((s) => s.userId === other.id)).toHaveLength(1);
    const audit = await handle.db.select().from(auditEvents).where(eq(auditEvents.actorId, me.id));
    expect(audit.map((a) => a.action)).toContain("auth.sign_out_everywhere");
  });
});

describe("the header's navigation", () => {
  it("gives an organizer of a group the overview but not story review, and counts their unread messages", async () => {
    const db = handle.db;
    const { group, person: organizer } = await personInGroup(db, "organizer");
    const { person: coordinator } = await personInGroup(db, "coordinator");
    await addMember(db, group.id, coordinator.id, "coordinator");
    await makeMessage(db, coordinator, [{ kind: "group", groupId: group.id, roles: ["organizer"] }]);
    expect(await callerFor(db, organizer).me.navigation()).toEqual({
      reviews: false,
      organizes: true,
      unread: 1,
    });
  });

  it("gives story review only to reviewers an admin named, the overview to coordinators, and a plain member neither link", async () => {
    const db = handle.db;
    const { person: coordinator } = await personInGroup(db, "coordinator");
    const { person: member } = await personInGroup(db, "member");
    const reviewer = await makeUser(db, { reviewer: true });
    expect(await callerFor(db, coordinator).me.navigation()).toMatchObject({
      reviews: false,
      organizes: true,
    });
    expect(await callerFor(db, member).me.navigation()).toEqual({
      reviews: false,
      organizes: false,
      unread: 0,
    });
    expect(await callerFor(db, reviewer).me.navigation()).toMatchObject({ reviews: true, organizes: false });
  });
});
