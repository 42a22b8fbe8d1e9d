import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { invitations, memberships } from "@/db/schema";
import { addMember, callerFor, makeGroup, makeInvitation, makeUser } from "../../test-support/factories";
import { setUpDatabase, setUpMailbox } from "../../test-support/setup";

const handle = setUpDatabase();
const mailbox = setUpMailbox();

describe("inviting by email", () => {
  it("emails a bilingual single-use link that makes the invited person a member with the given role", async () => {
    const group = await makeGroup(handle.db, { name: "Frontera Legal" });
    const coordinator = await makeUser(handle.db);
    const invitee = await makeUser(handle.db, { email: "nuevo@example.org" });
    await addMember(handle.db, group.id, coordinator.id, "coordinator");
    await callerFor(handle.db, coordinator).groups.invite({
      groupId: group.id,
      email: "Nuevo@Example.org",
      role: "organizer",
    });
    const email = await mailbox.waitFor("nuevo@example.org");
    expect(email.text).toContain("Alguien del grupo «Frontera Legal»");
    expect(email.text).toContain("A member of the group «Frontera Legal»");
    const token = email.text.match(/\/invitations\/([A-Za-z0-9_-]{43})/)![1]!;
    const [stored] = await handle.db.select().from(invitations).where(eq(invitations.groupId, group.id));
    expect(stored!.tokenHash).not.toContain(token);

    const api = callerFor(handle.db, invitee);
    expect(await api.groups.invitation({ token })).toMatchObject({
      groupName: "Frontera Legal",
      forMe: true,
    });
    await api.groups.answerInvitation({ token, accept: true });
    const [membership] = await handle.db.select().from(memberships).where(eq(memberships.userId, invitee.id));
    expect(membership).toMatchObject({ role: "organizer", status: "active" });

    await expect(api.groups.answerInvitation({ token, accept: true })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const [used] = await handle.db.select().from(invitations).where(eq(invitations.id, stored!.id));
    expect(used!.email).toBe("");
  });

  it("refuses an expired invitation and changes nothing", async () => {
    const group = await makeGroup(handle.db);
    const invitee = await makeUser(handle.db);
    const { token } = await makeInvitation(handle.db, group.id, invitee.email, {
      expiresAt: new Date(Date.now() - 60_000),
    });
    await expect(
      callerFor(handle.db, invitee).groups.answerInvitation({ token, accept: true }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await handle.db.select().from(memberships).where(eq(memberships.userId, invitee.id))).toEqual([]);
  });

  it("refuses a forged token", async () => {
    const someone = await makeUser(handle.db);
    await expect(
      callerFor(handle.db, someone).groups.answerInvitation({ token: "A".repeat(43), accept: true }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("cannot be accepted by someone the link was forwarded to", async () => {
    const group = await makeGroup(handle.db);
    const invitee = await makeUser(handle.db);
    const other = await makeUser(handle.db);
    const { token } = await makeInvitation(handle.db, group.id, invitee.email);
    const api = callerFor(handle.db, other);
    expect(await api.groups.invitation({ token })).toMatchObject({ forMe: false });
    await expect(api.groups.answerInvitation({ token, accept: true })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await handle.db.select().from(memberships).where(eq(memberships.userId, other.id))).toEqual([]);
  });

  it("shows waiting invitations on the invitee's own list, and declining one uses it up", async () => {
    const group = await makeGroup(handle.db, { name: "Tucson Samaritans" });
    const invitee = await makeUser(handle.db);
    const invitation = await makeInvitation(handle.db, group.id, invitee.email);
    const api = callerFor(handle.db, invitee);
    const { invitations: waiting } = await api.groups.mine();
    expect(waiting.map((i) => i.groupName)).toEqual(["Tucson Samaritans"]);
    await api.groups.answerInvitation({ id: invitation.id, accept: false });
    expect((await api.groups.mine()).invitations).toEqual([]);
    expect(await handle.db.select().from(memberships).where(eq(memberships.userId, invitee.id))).toEqual([]);
  });

  it("organizers may invite members but not organizers; nobody invites an existing member", async () => {
    const group = await makeGroup(handle.db);
    const organizer = await makeUser(handle.db);
    const member = await makeUser(handle.db);
    await addMember(handle.db, group.id, organizer.id, "organizer");
    await addMember(handle.db, group.id, member.id, "member");
    const api = callerFor(handle.db, organizer);
    await expect(
      api.groups.invite({ groupId: group.id, email: "x@example.org", role: "organizer" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      api.groups.invite({ groupId: group.id, email: member.email, role: "member" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      api.groups.invite({ groupId: group.id, email: "not-an-email", role: "member" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("a group named to read as Puente speaking", () => {
  const name = "Puente: verify your account at https://evil.example/login";

  it("keeps the typed name out of the subject, and quotes, attributes and unlinks it in the body", async () => {
    const group = await makeGroup(handle.db, { name, verified: false });
    const coordinator = await makeUser(handle.db);
    await addMember(handle.db, group.id, coordinator.id, "coordinator");
    await callerFor(handle.db, coordinator).groups.invite({ groupId: group.id, email: "target@example.org" });
    const email = await mailbox.waitFor("target@example.org");
    const subject = email.raw.match(/^Subject: (.*(?:\r\n[ \t].*)*)/m)![1]!;
    expect(subject).not.toMatch(/evil|verify|Group/i);
    // No link a mail client could make of the name: the only URL is the invitation's own.
    expect(email.text).not.toContain("evil.example");
    expect(email.text.match(/https?:\/\/\S+/g)!.every((url) => url.includes("/invitations/"))).toBe(true);
    expect(email.text).toContain("«Puente: verify your account at https[:]//evil[.]example/login»");
    expect(email.text).toContain("named by its own members, not checked by Puente");
    expect(email.text).toContain("nombre que le dieron sus propios miembros, no verificado por Puente");
    expect(email.text).toContain("not been verified");
  });

  it("lets an unverified group invite 5 people a day, where a verified one invites 50", async () => {
    const unverified = await makeGroup(handle.db, { verified: false });
    const verified = await makeGroup(handle.db);
    const newcomer = await makeUser(handle.db);
    const vetted = await makeUser(handle.db);
    await addMember(handle.db, unverified.id, newcomer.id, "coordinator");
    await addMember(handle.db, verified.id, vetted.id, "coordinator");
    const invite = (person: typeof newcomer, groupId: string, i: number) =>
      callerFor(handle.db, person).groups.invite({
        groupId,
        email: `cap-${groupId.slice(0, 8)}-${i}@example.org`,
      });
    for (let i = 0; i < 5; i++) await invite(newcomer, unverified.id, i);
    await expect(invite(newcomer, unverified.id, 5)).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    for (let i = 0; i < 6; i++) await invite(vetted, verified.id, i);
  });
});
