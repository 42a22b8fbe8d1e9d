// Invitations by email: a single-use link that expires after 7 days. The link carries 256 random
// bits; only their SHA-256 is stored. Only the invited address can accept. The group's name is
// typed by its members: it stays out of the subject and is quoted and defanged in the body, so a
// name like "Puente: verify your account at https://…" never reads as Puente speaking.
import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { groups, invitations, memberships, users, type MembershipRole } from "@/db/schema";
import { recordAudit } from "../audit/audit";
import { sendEmail } from "../email/email";
import { quoted } from "../email/typed-text";
import { DomainError, notFound } from "../errors";
import { translator } from "../i18n/messages";
import type { Actor } from "../actor";
import { consumeForPerson, INVITATIONS_UNVERIFIED } from "../rate-limits";

export const INVITATION_DAYS = 7;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function invite(
  db: Database,
  actor: Actor & { role: MembershipRole },
  input: { groupId: string; email: string; role: MembershipRole },
  origin: string,
) {
  if (actor.role !== "coordinator" && input.role !== "member") {
    throw new DomainError("FORBIDDEN", "onlyCoordinatorsManage");
  }
  const [existing] = await db
    .select({ status: memberships.status })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.groupId, input.groupId), eq(users.email, input.email)));
  if (existing?.status === "active") throw new DomainError("CONFLICT", "alreadyMember");

  const [group] = await db
    .select({ name: groups.name, verified: groups.verified })
    .from(groups)
    .where(eq(groups.id, input.groupId));
  if (!group) throw notFound();
  // On top of the router's cap for everyone: an unvetted group is where a bulk mailer would start.
  if (!group.verified) await consumeForPerson(db, INVITATIONS_UNVERIFIED, actor.id);
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
  const [invitation] = await db.transaction(async (tx) => {
    const created = await tx
      .insert(invitations)
      .values({
        groupId: input.groupId,
        email: input.email,
        role: input.role,
        tokenHash: hashToken(token),
        invitedBy: actor.id,
        expiresAt,
      })
      .returning({ id: invitations.id });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "invitation.create",
      subjectType: "invitation",
      subjectId: created[0]!.id,
      groupId: input.groupId,
      detail: { role: input.role },
    });
    return created;
  });

  // The invitee's language is unknown: the email is in both, Spanish first.
  const link = `${origin}/invitations/${token}`;
  const [es, en] = (["es", "en"] as const).map((locale) => {
    const t = translator(locale, "email");
    return t("invitation.text", {
      group: quoted(group.name),
      unverified: group.verified ? "" : t("invitationUnverified"),
      link,
      days: INVITATION_DAYS,
    });
  });
  await sendEmail(
    {
      to: input.email,
      subject: `${translator("es", "email")("invitation.subject")} / ${translator("en", "email")("invitation.subject")}`,
      text: `${es}\n\n---\n\n${en}`,
    },
    { label: "Invitation link", link },
  );
  return { id: invitation!.id, expiresAt };
}

/** Invitations not yet used nor expired, for the group's coordinators and organizers. */
export async function listOpenInvitations(db: Database, groupId: string) {
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .where(
      and(
        eq(invitations.groupId, groupId),
        isNull(invitations.usedAt),
        gt(invitations.expiresAt, sql`now()`),
      ),
    )
    .orderBy(asc(invitations.createdAt));
}

/** An invitation is found by its link's token, or by id when the reader is the invited address. */
export type InvitationKey = { token: string } | { id: string };

async function usableInvitation(tx: Database, key: InvitationKey) {
  const [invitation] = await tx
    .select({
      id: invitations.id,
      groupId: invitations.groupId,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      usedAt: invitations.usedAt,
      groupName: groups.name,
      groupSlug: groups.slug,
    })
    .from(invitations)
    .innerJoin(groups, eq(groups.id, invitations.groupId))
    .where("token" in key ? eq(invitations.tokenHash, hashToken(key.token)) : eq(invitations.id, key.id))
    .for("update", { of: invitations });
  if (!invitation) throw new DomainError("NOT_FOUND", "invitationUnknown");
  if (invitation.usedAt) throw new DomainError("CONFLICT", "invitationUsed");
  if (invitation.expiresAt.getTime() <= Date.now()) throw new DomainError("CONFLICT", "invitationExpired");
  return invitation;
}

async function actorEmail(tx: Database, actor: Actor) {
  const [me] = await tx.select({ email: users.email }).from(users).where(eq(users.id, actor.id));
  return me?.email?.toLowerCase();
}

/** What the invitation page shows: the group and role, and whether it is for the reader. */
export async function describeInvitation(db: Database, actor: Actor, token: string) {
  const invitation = await usableInvitation(db, { token });
  return {
    groupName: invitation.groupName,
    groupSlug: invitation.groupSlug,
    role: invitation.role,
    expiresAt: invitation.expiresAt,
    forMe: invitation.email === (await actorEmail(db, actor)),
  };
}

export async function answerInvitation(db: Database, actor: Actor, key: InvitationKey, accept: boolean) {
  return db.transaction(async (tx) => {
    const invitation = await usableInvitation(tx, key);
    if (invitation.email !== (await actorEmail(tx, actor))) {
      throw new DomainError("FORBIDDEN", "invitationForSomeoneElse");
    }
    // Used once, and the address is no longer needed.
    await tx
      .update(invitations)
      .set({ usedAt: sql`now()`, email: "" })
      .where(eq(invitations.id, invitation.id));
    if (accept) {
      await tx
        .insert(memberships)
        .values({ groupId: invitation.groupId, userId: actor.id, role: invitation.role, status: "active" })
        .onConflictDoUpdate({
          target: [memberships.groupId, memberships.userId],
          set: { status: "active", role: invitation.role, updatedAt: sql`now()` },
          setWhere: sql`${memberships.status} <> 'active'`,
        });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: accept ? "invitation.accept" : "invitation.decline",
      subjectType: "invitation",
      subjectId: invitation.id,
      groupId: invitation.groupId,
    });
    return { groupSlug: invitation.groupSlug, accepted: accept };
  });
}

/** Invitations waiting for the actor, for their own page. */
export async function listMyInvitations(db: Database, actor: Actor) {
  const email = await actorEmail(db, actor);
  if (!email) return [];
  return db
    .select({
      id: invitations.id,
      groupName: groups.name,
      groupSlug: groups.slug,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .innerJoin(groups, eq(groups.id, invitations.groupId))
    .where(
      and(eq(invitations.email, email), isNull(invitations.usedAt), gt(invitations.expiresAt, sql`now()`)),
    )
    .orderBy(asc(invitations.expiresAt));
}
