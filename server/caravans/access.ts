// Who may see and do what with caravans: the one place these rules live. Checked against the
// database on every call, so losing a group's verification or a membership takes effect at once.
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { caravanDelegates, caravanReports, caravans } from "@/db/schema";
import { isDecisionCoordinator } from "../decisions/access";
import { DomainError, notFound } from "../errors";
import { verifiedGroupsOf, verifiedMemberships } from "../groups/membership";
import type { Actor } from "../actor";

/** What a viewer may see of caravans: `public` is region and status only (DESIGN.md). */
export type CaravanAccess = "public" | "full";

export interface CaravanViewer {
  access: CaravanAccess;
  isAdmin: boolean;
  /** Verified groups the viewer coordinates: their own reports' positions are shown undisplaced. */
  coordinatorOf: string[];
}

export async function isDelegate(db: Database, actor: Actor | null, caravanId: string): Promise<boolean> {
  if (!actor) return false;
  const [row] = await db
    .select({ userId: caravanDelegates.userId })
    .from(caravanDelegates)
    .where(and(eq(caravanDelegates.caravanId, caravanId), eq(caravanDelegates.userId, actor.id)))
    .limit(1);
  return Boolean(row);
}

/**
 * Full access: admins and active members of a verified group, for every caravan; a caravan's own
 * delegates, for that caravan. Everyone else (the public, members of unverified groups) is public.
 */
export async function caravanViewer(
  db: Database,
  actor: Actor | null,
  caravanId?: string,
): Promise<CaravanViewer> {
  if (!actor) return { access: "public", isAdmin: false, coordinatorOf: [] };
  const [inGroup, delegate] = await Promise.all([
    verifiedMemberships(db, actor),
    caravanId && !actor.isAdmin ? isDelegate(db, actor, caravanId) : false,
  ]);
  const coordinatorOf = inGroup.filter((g) => g.role === "coordinator").map((g) => g.id);
  if (actor.isAdmin) return { access: "full", isAdmin: true, coordinatorOf };
  return { access: inGroup.length > 0 || delegate ? "full" : "public", isAdmin: false, coordinatorOf };
}

/**
 * Who reads every caravan in full, with headcounts and needs (the needs board): active members of
 * verified groups, and admins. A delegate sees their own caravan in full, not every caravan.
 */
export async function requireCaravanViewer(db: Database, actor: Actor): Promise<CaravanViewer> {
  const viewer = await caravanViewer(db, actor);
  if (viewer.access !== "full") throw new DomainError("FORBIDDEN", "caravanDataForVerifiedGroups");
  return viewer;
}

/** Caravans are created by coordinators of verified groups, and admins. */
export async function requireCaravanCoordinator(db: Database, actor: Actor): Promise<void> {
  // The same people who run the meeting-point decision: one notion of "coordinator".
  if (!(await isDecisionCoordinator(db, actor))) throw new DomainError("FORBIDDEN", "notCaravanCoordinator");
}

export { isDecisionCoordinator as isCaravanCoordinator };

/**
 * Whether `actor` may edit the caravan (its name, status and delegates): its own delegates, the
 * active coordinators of the group that registered it, and admins. Not every coordinator: a
 * caravan is not any group's to rename.
 */
export async function isCaravanEditor(db: Database, actor: Actor, caravanId: string): Promise<boolean> {
  if (actor.isAdmin) return true;
  // Plain `caravans.` names: Drizzle leaves a one-table select's columns unqualified, which inside
  // a subquery would mean the subquery's own table.
  const [row] = await db
    .select({
      delegate: sql<boolean>`exists (select 1 from caravan_delegates d
        where d.caravan_id = caravans.id and d.user_id = ${actor.id})`,
      registrar: sql<boolean>`exists (select 1 from memberships m
        where m.group_id = caravans.group_id and m.user_id = ${actor.id}
        and m.status = 'active' and m.role = 'coordinator')`,
    })
    .from(caravans)
    .where(eq(caravans.id, caravanId));
  return Boolean(row?.delegate || row?.registrar);
}

export async function requireCaravanEditor(db: Database, actor: Actor, caravanId: string): Promise<void> {
  if (!(await isCaravanEditor(db, actor, caravanId))) throw new DomainError("FORBIDDEN", "notCaravanEditor");
}

/** Who may report on a caravan: its delegates, and active members of verified groups (for a group). */
export interface CaravanReporter {
  isDelegate: boolean;
  /** The verified groups the reporter may report for. */
  groups: { id: string; name: string }[];
}

export async function requireCaravanReporter(
  db: Database,
  actor: Actor,
  caravanId: string,
): Promise<CaravanReporter> {
  const [isDelegateOf, groups] = await Promise.all([
    isDelegate(db, actor, caravanId),
    verifiedGroupsOf(db, actor),
  ]);
  if (!isDelegateOf && groups.length === 0) throw new DomainError("FORBIDDEN", "cannotReport");
  return { isDelegate: isDelegateOf, groups };
}

/** A report as a confirmer may confirm it: for which of their groups (none for a coordinator). */
export interface ReportToConfirm {
  id: string;
  verification: (typeof caravanReports.$inferSelect)["verification"];
  confirmedGroupId: string | null;
}

/**
 * Who may confirm a report: a member of a verified group other than the reporter's (for that group,
 * `groupId` or their first), or a coordinator of a verified group or an admin; never its reporter.
 */
export async function requireReportConfirmer(
  db: Database,
  actor: Actor,
  input: { reportId: string; groupId?: string },
): Promise<ReportToConfirm> {
  const [report] = await db
    .select({
      reportedBy: caravanReports.reportedBy,
      reporterGroupId: caravanReports.reporterGroupId,
      verification: caravanReports.verification,
    })
    .from(caravanReports)
    .where(eq(caravanReports.id, input.reportId));
  if (!report) throw notFound();
  if (report.reportedBy === actor.id) throw new DomainError("FORBIDDEN", "cannotConfirmOwnReport");
  const [coordinator, myGroups] = await Promise.all([
    isDecisionCoordinator(db, actor),
    verifiedGroupsOf(db, actor),
  ]);
  const secondGroups = myGroups.filter((g) => g.id !== report.reporterGroupId);
  let confirmedGroupId: string | null = secondGroups[0]?.id ?? null;
  if (input.groupId) {
    if (!secondGroups.some((g) => g.id === input.groupId)) {
      throw new DomainError("FORBIDDEN", "confirmNeedsSecondGroup");
    }
    confirmedGroupId = input.groupId;
  }
  if (!confirmedGroupId && !coordinator) throw new DomainError("FORBIDDEN", "confirmNeedsSecondGroup");
  return { id: input.reportId, verification: report.verification, confirmedGroupId };
}
