// Who may run the meeting-point decision, and for which groups and caravans a person may vote: the
// one place these rules live.
import { and, asc, countDistinct, eq, inArray, ne } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  caravanDelegates,
  caravans,
  decisionCoordinators,
  groups,
  memberships,
  ratifications,
  users,
} from "@/db/schema";
import { DomainError } from "../errors";
import { isVerifiedCoordinator, verifiedGroupsOf } from "../groups/membership";
import type { Actor } from "../actor";

/** Coordinators of the decision: admins and active coordinators of a verified group. */
export const isDecisionCoordinator = isVerifiedCoordinator;

export async function requireDecisionCoordinator(db: Database, actor: Actor): Promise<void> {
  if (!(await isDecisionCoordinator(db, actor))) throw new DomainError("FORBIDDEN", "notDecisionCoordinator");
}

/** Whether `actor` runs this decision: one of the coordinators it named, or an admin. */
export async function isCoordinatorOf(
  db: Database,
  actor: Actor | null,
  decisionId: string,
): Promise<boolean> {
  if (!actor) return false;
  if (actor.isAdmin) return true;
  const [row] = await db
    .select({ userId: decisionCoordinators.userId })
    .from(decisionCoordinators)
    .where(and(eq(decisionCoordinators.decisionId, decisionId), eq(decisionCoordinators.userId, actor.id)));
  return Boolean(row);
}

/**
 * Checks that `actor` runs this decision: one of the coordinators it named when it opened, or an
 * admin. Another group's coordinator does not run someone else's decision.
 */
export async function requireCoordinatorOf(db: Database, actor: Actor, decisionId: string): Promise<void> {
  if (!(await isCoordinatorOf(db, actor, decisionId)))
    throw new DomainError("FORBIDDEN", "notDecisionCoordinatorOf");
}

/**
 * Whom the opener of a decision may name to run it with them: every active coordinator of a
 * verified group but the opener, by name, with the verified groups they coordinate. The same rule
 * as `nameCoordinators` checks; read only by those who may open a decision (the router's builder).
 * Names and groups only: no address, no other membership.
 */
export async function coordinatorChoices(db: Database, actor: Actor) {
  const rows = await db
    .select({ userId: users.id, name: users.name, groupName: groups.name })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.status, "active"),
        eq(memberships.role, "coordinator"),
        eq(groups.verified, true),
        ne(memberships.userId, actor.id),
      ),
    )
    .orderBy(asc(users.name), asc(groups.name))
    .limit(500);
  const people = new Map<string, { userId: string; name: string | null; groups: string[] }>();
  for (const row of rows) {
    const person = people.get(row.userId) ?? { userId: row.userId, name: row.name, groups: [] };
    person.groups.push(row.groupName);
    people.set(row.userId, person);
  }
  return [...people.values()];
}

/**
 * Names the decision's coordinators as it opens: the opener and those they name, who must be active
 * coordinators of a verified group (the people who may open one themselves).
 */
export async function nameCoordinators(
  db: Database,
  decisionId: string,
  openerId: string,
  named: string[],
): Promise<void> {
  const others = [...new Set(named)].filter((id) => id !== openerId);
  if (others.length) {
    const eligible = await db
      .selectDistinct({ userId: memberships.userId })
      .from(memberships)
      .innerJoin(groups, eq(groups.id, memberships.groupId))
      .where(
        and(
          inArray(memberships.userId, others),
          eq(memberships.status, "active"),
          eq(memberships.role, "coordinator"),
          eq(groups.verified, true),
        ),
      );
    if (eligible.length !== others.length) throw new DomainError("BAD_REQUEST", "coordinatorNotEligible");
  }
  await db
    .insert(decisionCoordinators)
    .values([openerId, ...others].map((userId) => ({ decisionId, userId })))
    .onConflictDoNothing();
}

/** Whom a voter speaks for: a verified group, or a caravan (one ballot between its delegates). */
export type Voter = { kind: "group"; groupId: string } | { kind: "delegate"; caravanId: string };

/** The verified groups `actor` may cast a ballot for: where they are an active coordinator or organizer. */
export async function votingGroups(db: Database, actor: Actor | null) {
  return verifiedGroupsOf(db, actor, ["coordinator", "organizer"]);
}

/** Checks that `actor` may speak for `groupId` in a decision: its active coordinator or organizer, the group verified. */
export async function requireGroupVoter(db: Database, actor: Actor, groupId: string): Promise<Voter> {
  const [voter] = await db
    .select({ verified: groups.verified })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .where(
      and(
        eq(memberships.groupId, groupId),
        eq(memberships.userId, actor.id),
        eq(memberships.status, "active"),
        inArray(memberships.role, ["coordinator", "organizer"]),
      ),
    );
  if (!voter) throw new DomainError("FORBIDDEN", "notGroupVoter");
  if (!voter.verified) throw new DomainError("FORBIDDEN", "groupCannotVote");
  return { kind: "group" as const, groupId };
}

/** Checks that `actor` is one of the caravan's delegates: they speak for it, one ballot between them. */
export async function requireCaravanDelegate(db: Database, actor: Actor, caravanId: string): Promise<Voter> {
  const [delegate] = await db
    .select({ caravanId: caravanDelegates.caravanId })
    .from(caravanDelegates)
    .where(and(eq(caravanDelegates.caravanId, caravanId), eq(caravanDelegates.userId, actor.id)));
  if (!delegate) throw new DomainError("FORBIDDEN", "notCaravanDelegate");
  return { kind: "delegate" as const, caravanId };
}

/**
 * How many ballots a decision can receive: one per verified group with an active coordinator or
 * organizer to cast it, and one per caravan that has a delegate.
 */
export async function eligibleVoterCount(db: Database): Promise<number> {
  const [[groupVoters], [caravanVoters]] = await Promise.all([
    db
      .select({ n: countDistinct(memberships.groupId) })
      .from(memberships)
      .innerJoin(groups, eq(groups.id, memberships.groupId))
      .where(
        and(
          eq(memberships.status, "active"),
          inArray(memberships.role, ["coordinator", "organizer"]),
          eq(groups.verified, true),
        ),
      ),
    db.select({ n: countDistinct(caravanDelegates.caravanId) }).from(caravanDelegates),
  ]);
  return Number(groupVoters?.n ?? 0) + Number(caravanVoters?.n ?? 0);
}

/** The caravans `actor` speaks for as a delegate (one ballot between a caravan's delegates). */
export async function delegateCaravans(db: Database, actor: Actor | null) {
  if (!actor) return [];
  return db
    .select({ id: caravans.id, name: caravans.name })
    .from(caravanDelegates)
    .innerJoin(caravans, eq(caravans.id, caravanDelegates.caravanId))
    .where(eq(caravanDelegates.userId, actor.id))
    .orderBy(caravans.name);
}

/** Checks that the caravan was asked to ratify a winner of the decision: it took part in it. */
export async function requireAskedCaravan(db: Database, decisionId: string, caravanId: string) {
  const [asked] = await db
    .select({ caravanId: ratifications.caravanId })
    .from(ratifications)
    .where(and(eq(ratifications.decisionId, decisionId), eq(ratifications.caravanId, caravanId)))
    .limit(1);
  if (!asked) throw new DomainError("FORBIDDEN", "caravanNotAsked");
}
