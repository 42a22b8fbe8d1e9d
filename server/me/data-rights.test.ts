import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, groups, memberships, sessions, shifts, signups, users } from "@/db/schema";
import { createTestDatabase } from "../../test-support/database";
import {
  addMember,
  callerFor,
  makeAction,
  makeGroup,
  makeInvitation,
  makeUser,
} from "../../test-support/factories";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

describe("downloading my data", () => {
  it("holds my profile, groups, signups and invitations, and nothing of anyone else's", async () => {
    const group = await makeGroup(handle.db, { name: "Frontera Legal" });
    const me = await makeUser(handle.db, { name: "Lupe", phone: "+52 664 111 2222" });
    const other = await makeUser(handle.db, { name: "Someone Else" });
    await addMember(handle.db, group.id, me.id, "organizer");
    await addMember(handle.db, group.id, other.id, "member");
    const { shift } = await makeAction(handle.db, group.id);
    await callerFor(handle.db, me).actions.signUp({ shiftId: shift.id });
    await callerFor(handle.db, other).actions.signUp({ shiftId: shift.id });
    await makeInvitation(handle.db, (await makeGroup(handle.db, { name: "Tucson Samaritans" })).id, me.email);

    const data = await callerFor(handle.db, me).me.export();
    expect(data.profile).toMatchObject({ name: "Lupe", email: me.email, phone: "+52 664 111 2222" });
    expect(data.groups).toEqual([expect.objectContaining({ group: "Frontera Legal", role: "organizer" })]);
    expect(data.signups).toHaveLength(1);
    expect(data.invitationsWaiting.map((i) => i.group)).toEqual(["Tucson Samaritans"]);
    const text = JSON.stringify(data);
    expect(text).not.toContain("Someone Else");
    expect(text).not.toContain(other.email);
  });
});

describe("deleting my account", () => {
  it("gives my place to the first person waiting, removes my memberships and sessions, and keeps the group", async () => {
    const group = await makeGroup(handle.db);
    const coordinator = await makeUser(handle.db);
    const me = await makeUser(handle.db);
    const waiting = await makeUser(handle.db);
    await addMember(handle.db, group.id, coordinator.id, "coordinator");
    await addMember(handle.db, group.id, me.id, "member");
    const { shift } = await makeAction(handle.db, group.id, { capacity: 1 });
    await callerFor(handle.db, me).actions.signUp({ shiftId: shift.id });
    const theirs = await callerFor(handle.db, waiting).actions.signUp({ shiftId: shift.id });
    expect(theirs.status).toBe("waitlisted");
    await handle.db
      .insert(sessions)
      .values({ sessionToken: `s-${me.id}`, userId: me.id, expires: new Date(Date.now() + 86_400_000) });

    await callerFor(handle.db, me).me.deleteAccount();

    expect(await handle.db.select().from(users).where(eq(users.id, me.id))).toEqual([]);
    expect(await handle.db.select().from(memberships).where(eq(memberships.userId, me.id))).toEqual([]);
    expect(await handle.db.select().from(sessions).where(eq(sessions.userId, me.id))).toEqual([]);
    const [promoted] = await handle.db.select().from(signups).where(eq(signups.id, theirs.id));
    expect(promoted!.status).toBe("confirmed");
    const [counter] = await handle.db.select().from(shifts).where(eq(shifts.id, shift.id));
    expect(counter!.confirmedCount).toBe(1);
    expect(await handle.db.select().from(groups).where(eq(groups.id, group.id))).toHaveLength(1);
    const [event] = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "account.delete"), eq(auditEvents.subjectId, me.id)));
    expect(event!.actorId).toBeNull();
  });

  it("is refused to the only coordinator of a group, naming it, and deletes nothing", async () => {
    const group = await makeGroup(handle.db, { name: "Red de Salud" });
    const me = await makeUser(handle.db);
    await addMember(handle.db, group.id, me.id, "coordinator");
    const refusal = await callerFor(handle.db, me, "es")
      .me.deleteAccount()
      .catch((e: unknown) => e);
    expect(refusal).toMatchObject({ code: "CONFLICT" });
    expect(await handle.db.select().from(users).where(eq(users.id, me.id))).toHaveLength(1);
  });
});
