// The needs board and pledges: the needs of each caravan's latest report, grouped by place, and
// what groups have promised against them, so one need is not met three times and another not at all.
import { and, asc, desc, eq, inArray, lte, ne, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Database } from "@/db/client";
import { caravanReports, caravans, groups, pledges, reportNeeds, type PledgeStatus } from "@/db/schema";
import { recordAudit, recordReadOnceADay } from "../audit/audit";
import { DomainError, notFound } from "../errors";
import type { Actor } from "../actor";
import { verifiedGroupsOf } from "../groups/membership";
import { needsOfReports } from "../caravans/caravans";
import { currentNeed } from "./carry-over";
import { standingPledges } from "./pledges";
import type { pledgeInput } from "./inputs";

/** Open needs of the caravans still on their way, by place: for those caravanViewerProcedure lets in. */
export async function needsBoard(db: Database, actor: Actor) {
  const latest = await db
    .selectDistinctOn([caravanReports.caravanId], {
      reportId: caravanReports.id,
      caravanId: caravanReports.caravanId,
      caravanName: caravans.name,
      placeName: caravanReports.placeName,
      headcount: caravanReports.headcount,
      verification: caravanReports.verification,
      reportedAt: caravanReports.reportedAt,
    })
    .from(caravanReports)
    .innerJoin(caravans, eq(caravans.id, caravanReports.caravanId))
    .where(ne(caravans.status, "dispersed"))
    .orderBy(caravanReports.caravanId, desc(caravanReports.reportedAt), desc(caravanReports.id));
  const needs = await needsOfReports(
    db,
    latest.map((r) => r.reportId),
  );
  const promised = await standingPledges(
    db,
    needs.map((n) => n.id),
  );
  const places = new Map<string, { placeName: string; needs: ReturnType<typeof needOf>[] }>();
  function needOf(need: (typeof needs)[number]) {
    const report = latest.find((r) => r.reportId === need.reportId)!;
    const its = promised.filter((p) => p.needId === need.id);
    const pledged = its.reduce((sum, p) => sum + p.quantity, 0);
    return {
      ...need,
      caravanId: report.caravanId,
      caravanName: report.caravanName,
      verification: report.verification,
      reportedAt: report.reportedAt,
      pledged,
      covered: need.quantity !== null && pledged >= need.quantity,
      pledges: its,
    };
  }
  for (const need of needs) {
    const shown = needOf(need);
    const placeName = latest.find((r) => r.reportId === need.reportId)!.placeName;
    const place = places.get(placeName) ?? { placeName, needs: [] };
    place.needs.push(shown);
    places.set(placeName, place);
  }
  await recordReadOnceADay(db, { actorId: actor.id, action: "caravan.read_needs", subjectType: "caravan" });
  return {
    places: [...places.values()].sort((a, b) => a.placeName.localeCompare(b.placeName)),
    pledgingGroups: await verifiedGroupsOf(db, actor, ["coordinator", "organizer"]),
  };
}

/** A group's pledge against a need, by one of its coordinators or organizers. */
export async function pledge(db: Database, actor: Actor, input: z.output<typeof pledgeInput>) {
  const [group] = await db
    .select({ verified: groups.verified })
    .from(groups)
    .where(eq(groups.id, input.groupId));
  if (!group?.verified) throw new DomainError("FORBIDDEN", "groupNotVerifiedToPledge");
  return db.transaction(async (tx) => {
    const needId = await currentNeed(tx, input.needId);
    const [made] = await tx
      .insert(pledges)
      .values({ ...input, needId, pledgedBy: actor.id })
      .returning({ id: pledges.id });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "pledge.create",
      subjectType: "pledge",
      subjectId: made!.id,
      groupId: input.groupId,
    });
    return made!;
  });
}

/** A pledge of the group moves on: withdrawn, or delivered. Only an open pledge can. */
async function settle(
  db: Database,
  actor: Actor,
  groupId: string,
  pledgeId: string,
  status: Exclude<PledgeStatus, "pledged">,
) {
  return db.transaction(async (tx) => {
    const [settled] = await tx
      .update(pledges)
      .set({ status, updatedAt: sql`now()` })
      .where(and(eq(pledges.id, pledgeId), eq(pledges.groupId, groupId), eq(pledges.status, "pledged")))
      .returning({ id: pledges.id });
    if (!settled) {
      const [exists] = await tx
        .select({ id: pledges.id })
        .from(pledges)
        .where(and(eq(pledges.id, pledgeId), eq(pledges.groupId, groupId)));
      if (!exists) throw notFound();
      throw new DomainError("CONFLICT", "pledgeNotOpen");
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: status === "withdrawn" ? "pledge.withdraw" : "pledge.deliver",
      subjectType: "pledge",
      subjectId: pledgeId,
      groupId,
    });
    return { id: pledgeId, status };
  });
}

export const withdrawPledge = (db: Database, actor: Actor, groupId: string, pledgeId: string) =>
  settle(db, actor, groupId, pledgeId, "withdrawn");

export const deliverPledge = (db: Database, actor: Actor, groupId: string, pledgeId: string) =>
  settle(db, actor, groupId, pledgeId, "delivered");

/**
 * Open pledges of the verified groups `actor` is active in that fall due within `withinDays` (or
 * are overdue), soonest first: what the group promised, for which caravan's need, by when.
 */
export async function pledgesDue(db: Database, actor: Actor, withinDays = 7) {
  const mine = await verifiedGroupsOf(db, actor);
  if (mine.length === 0) return [];
  return db
    .select({
      id: pledges.id,
      what: pledges.what,
      quantity: pledges.quantity,
      byDate: pledges.byDate,
      overdue: sql<boolean>`${pledges.byDate} < current_date`,
      groupName: groups.name,
      needId: pledges.needId,
      needKind: reportNeeds.kind,
      caravanName: caravans.name,
    })
    .from(pledges)
    .innerJoin(groups, eq(groups.id, pledges.groupId))
    .innerJoin(reportNeeds, eq(reportNeeds.id, pledges.needId))
    .innerJoin(caravanReports, eq(caravanReports.id, reportNeeds.reportId))
    .innerJoin(caravans, eq(caravans.id, caravanReports.caravanId))
    .where(
      and(
        inArray(
          pledges.groupId,
          mine.map((g) => g.id),
        ),
        eq(pledges.status, "pledged"),
        lte(pledges.byDate, sql`current_date + ${withinDays}::int`),
      ),
    )
    .orderBy(asc(pledges.byDate), asc(pledges.id))
    .limit(10);
}
