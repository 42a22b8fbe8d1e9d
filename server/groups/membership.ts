// Who belongs to a group and in what role: join requests, approvals, role changes, removals,
// leaving. A group always keeps at least one active coordinator, however requests interleave.
import { and, asc, count, eq, inArray, min, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { groups, memberships, users, type MembershipRole } from "@/db/schema";
import { recordAudit } from "../audit/audit";
import { DomainError, notFound } from "../errors";
import type { Actor } from "../actor";

/**
 * The verified groups `actor` is an active member of, by name, with their role there; only those
 * where the role is one of `roles` when given. Trust follows from this one question: who sees
 * caravans in full, reports and pledges, votes in decisions and opens them.
 */
export async function verifiedMemberships(db: Database, actor: Actor | null, roles: MembershipRole[] = []) {
  if (!actor) return [];
  return db
    .select({ id: groups.id, name: groups.name, role: memberships.role })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .where(
      and(
        eq(memberships.userId, actor.id),
        eq(memberships.status, "active"),
        eq(groups.verified, true),
        roles.length > 0 ? inArray(memberships.role, roles) : undefined,
      ),
    )
    .orderBy(groups.name);
}

/** The same groups as `verifiedMemberships`, as id and name. */
export async function verifiedGroupsOf(db: Database, actor: Actor | null, roles: MembershipRole[] = []) {
  return (await verifiedMemberships(db, actor, roles)).map(({ id, name }) => ({ id, name }));
}

/** A membership as `listMyGroups` reads it, for the two rules below. */
interface Held {
  role: MembershipRole;
  status: string;
  verified: boolean;
}

/** Organizes in this group: an active coordinator or organizer (verified or not). */
export const organizesIn = (m: Held) =>
  m.status === "active" && (m.role === "coordinator" || m.role === "organizer");

/**
 * A coordinator in the trusted sense: admins, and active coordinators of a verified group. They
 * review stories, run the meeting-point decision and create caravans: one notion of coordinator.
 */
export async function isVerifiedCoordinator(db: Database, actor: Actor | null): Promise<boolean> {
  if (!actor) return false;
  return actor.isAdmin || (await verifiedMemberships(db, actor, ["coordinator"])).length > 0;
}

/** The same rule over memberships already read (the header reads them once for every link). */
export const coordinatesVerified = (m: Held) =>
  m.status === "active" && m.role === "coordinator" && m.verified;

/** Active members with their roles, coordinators first. Callers are checked to be members. */
export async function listMembers(db: Database, groupId: string) {
  return db
    .select({ userId: users.id, name: users.name, role: memberships.role, since: memberships.updatedAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.groupId, groupId), eq(memberships.status, "active")))
    .orderBy(asc(memberships.role), asc(users.name));
}

/**
 * People who asked to join, oldest first, for the group's coordinators and organizers: with what
 * they said of themselves (skills, languages) and when they asked, so a name like "J.T." comes with
 * context. Never their other groups: memberships are each group's own business.
 */
export async function listJoinRequests(db: Database, groupId: string) {
  return db
    .select({
      userId: users.id,
      name: users.name,
      skills: users.skills,
      languages: users.languagesSpoken,
      askedAt: memberships.updatedAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.groupId, groupId), eq(memberships.status, "pending")))
    .orderBy(asc(memberships.updatedAt));
}

/** Asks to join a verified group. Asking again while pending returns the same request. */
export async function requestToJoin(db: Database, actor: Actor, groupId: string) {
  const [group] = await db.select({ verified: groups.verified }).from(groups).where(eq(groups.id, groupId));
  if (!group?.verified) throw notFound();
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(memberships)
      .values({ groupId, userId: actor.id, role: "member", status: "pending" })
      .onConflictDoUpdate({
        target: [memberships.groupId, memberships.userId],
        set: { status: "pending", role: "member", updatedAt: sql`now()` },
        setWhere: eq(memberships.status, "removed"),
      })
      .returning({ status: memberships.status });
    if (!created) {
      const [existing] = await tx
        .select({ status: memberships.status })
        .from(memberships)
        .where(and(eq(memberships.groupId, groupId), eq(memberships.userId, actor.id)));
      if (existing?.status === "active") throw new DomainError("CONFLICT", "alreadyMember");
      return { status: "pending" as const };
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "membership.request",
      subjectType: "user",
      subjectId: actor.id,
      groupId,
    });
    return { status: "pending" as const };
  });
}

export async function decideJoinRequest(
  db: Database,
  actor: Actor,
  input: { groupId: string; userId: string; approve: boolean },
) {
  const [decided] = await db
    .update(memberships)
    .set({ status: input.approve ? "active" : "removed", updatedAt: sql`now()` })
    .where(
      and(
        eq(memberships.groupId, input.groupId),
        eq(memberships.userId, input.userId),
        eq(memberships.status, "pending"),
      ),
    )
    .returning({ status: memberships.status });
  if (!decided) throw notFound();
  await recordAudit(db, {
    actorId: actor.id,
    action: input.approve ? "membership.approve" : "membership.reject",
    subjectType: "user",
    subjectId: input.userId,
    groupId: input.groupId,
  });
  return decided;
}

/**
 * Locks the group's active coordinators until the transaction ends and counts them. Two
 * coordinators demoting each other at the same moment are serialized here: the second sees
 * that only one is left.
 */
async function lockCoordinators(tx: Database, groupId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(
      and(
        eq(memberships.groupId, groupId),
        eq(memberships.status, "active"),
        eq(memberships.role, "coordinator"),
      ),
    )
    .for("update");
  return rows.map((r) => r.userId);
}

async function activeMembership(tx: Database, groupId: string, userId: string) {
  const [row] = await tx
    .select({ id: memberships.id, role: memberships.role })
    .from(memberships)
    .where(
      and(eq(memberships.groupId, groupId), eq(memberships.userId, userId), eq(memberships.status, "active")),
    )
    .for("update");
  return row;
}

/** Coordinators change roles; the last coordinator cannot be demoted. */
export async function changeRole(
  db: Database,
  actor: Actor,
  input: { groupId: string; userId: string; role: MembershipRole },
) {
  return db.transaction(async (tx) => {
    const coordinators = await lockCoordinators(tx, input.groupId);
    const target = await activeMembership(tx, input.groupId, input.userId);
    if (!target) throw notFound();
    if (target.role === input.role) return { role: target.role };
    if (target.role === "coordinator" && coordinators.length <= 1) {
      throw new DomainError("CONFLICT", "lastCoordinator");
    }
    await tx
      .update(memberships)
      .set({ role: input.role, updatedAt: sql`now()` })
      .where(eq(memberships.id, target.id));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "membership.role_change",
      subjectType: "user",
      subjectId: input.userId,
      groupId: input.groupId,
      detail: { from: target.role, to: input.role },
    });
    return { role: input.role };
  });
}

/**
 * Removes a member. Coordinators may remove anyone; organizers only plain members. Nobody removes
 * themselves this way (that is leaving), and the last coordinator stays.
 */
export async function removeMember(
  db: Database,
  actor: Actor & { role: MembershipRole },
  input: { groupId: string; userId: string },
) {
  if (input.userId === actor.id) throw new DomainError("BAD_REQUEST", "useLeave");
  return db.transaction(async (tx) => {
    const coordinators = await lockCoordinators(tx, input.groupId);
    const target = await activeMembership(tx, input.groupId, input.userId);
    if (!target) throw notFound();
    if (actor.role !== "coordinator" && target.role !== "member") {
      throw new DomainError("FORBIDDEN", "onlyCoordinatorsManage");
    }
    if (target.role === "coordinator" && coordinators.length <= 1) {
      throw new DomainError("CONFLICT", "lastCoordinator");
    }
    await tx
      .update(memberships)
      .set({ status: "removed", updatedAt: sql`now()` })
      .where(eq(memberships.id, target.id));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "membership.remove",
      subjectType: "user",
      subjectId: input.userId,
      groupId: input.groupId,
      detail: { role: target.role },
    });
    return { removed: true };
  });
}

/** Leaves a group, or withdraws a pending request. The last coordinator must hand over first. */
export async function leaveGroup(db: Database, actor: Actor, groupId: string) {
  return db.transaction(async (tx) => {
    const coordinators = await lockCoordinators(tx, groupId);
    const [mine] = await tx
      .select({ id: memberships.id, role: memberships.role, status: memberships.status })
      .from(memberships)
      .where(and(eq(memberships.groupId, groupId), eq(memberships.userId, actor.id)))
      .for("update");
    if (!mine || mine.status === "removed") throw notFound();
    if (mine.status === "active" && mine.role === "coordinator" && coordinators.length <= 1) {
      throw new DomainError("CONFLICT", "lastCoordinator");
    }
    await tx
      .update(memberships)
      .set({ status: "removed", updatedAt: sql`now()` })
      .where(eq(memberships.id, mine.id));
    await recordAudit(tx, {
      actorId: actor.id,
      action: mine.status === "pending" ? "membership.withdraw" : "membership.leave",
      subjectType: "user",
      subjectId: actor.id,
      groupId,
    });
    return { left: true };
  });
}

/**
 * Join requests waiting for `actor`'s answer: per group they coordinate or organize, how many
 * people asked and since when, the longest waiting first.
 */
export async function joinRequestsWaitingFor(db: Database, actor: Actor) {
  const answering = db
    .select({ groupId: memberships.groupId })
    .from(memberships)
    .where(
      and(
        eq(memberships.userId, actor.id),
        eq(memberships.status, "active"),
        inArray(memberships.role, ["coordinator", "organizer"]),
      ),
    );
  return db
    .select({
      groupId: groups.id,
      slug: groups.slug,
      name: groups.name,
      requests: count(),
      oldest: min(memberships.updatedAt),
    })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .where(and(eq(memberships.status, "pending"), inArray(memberships.groupId, answering)))
    .groupBy(groups.id, groups.slug, groups.name)
    .orderBy(min(memberships.updatedAt));
}
