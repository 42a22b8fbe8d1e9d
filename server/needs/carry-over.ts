// A caravan's need is ongoing: each report restates it, and what groups pledged or delivered
// against it carries over to the restated need, so the board never shows "0 of 1750" where 1,200
// were promised. A need the latest report no longer lists is over (met, or no longer wanted).
import { and, desc, eq, inArray, ne } from "drizzle-orm";
import type { Database } from "@/db/client";
import { caravanReports, caravans, pledges, reportNeeds, type NeedKind } from "@/db/schema";
import { DomainError, notFound } from "../errors";

/**
 * Locks the caravan's reports for this transaction: a report being filed and a pledge being made
 * against the caravan's needs wait for each other, so no pledge lands on a need just replaced.
 */
export async function lockCaravanNeeds(tx: Database, caravanId: string, mode: "update" | "share") {
  const [caravan] = await tx
    .select({ id: caravans.id })
    .from(caravans)
    .where(eq(caravans.id, caravanId))
    .for(mode);
  if (!caravan) throw notFound();
}

/** The caravan's report before `reportId`, whose needs hold every pledge still counting. */
async function previousReport(tx: Database, caravanId: string, reportId: string) {
  const [previous] = await tx
    .select({ id: caravanReports.id })
    .from(caravanReports)
    .where(and(eq(caravanReports.caravanId, caravanId), ne(caravanReports.id, reportId)))
    .orderBy(desc(caravanReports.reportedAt), desc(caravanReports.id))
    .limit(1);
  return previous?.id;
}

/** After a new report (with `lockCaravanNeeds(…, "update")` held): pledges follow the needs it restates. */
export async function carryPledges(
  tx: Database,
  caravanId: string,
  reportId: string,
  needs: readonly { id: string; kind: NeedKind }[],
) {
  const previous = await previousReport(tx, caravanId, reportId);
  if (!previous || needs.length === 0) return;
  for (const need of needs) {
    const restated = tx
      .select({ id: reportNeeds.id })
      .from(reportNeeds)
      .where(and(eq(reportNeeds.reportId, previous), eq(reportNeeds.kind, need.kind)));
    // Withdrawn pledges stay on record where they were made.
    await tx
      .update(pledges)
      .set({ needId: need.id })
      .where(and(inArray(pledges.needId, restated), ne(pledges.status, "withdrawn")));
  }
}

/**
 * The need a pledge against `needId` is for today: the same kind in the caravan's latest report
 * (a page read before a new report names an earlier one). Refused when that report no longer
 * lists it. Takes the caravan's share lock.
 */
export async function currentNeed(tx: Database, needId: string): Promise<string> {
  const [named] = await tx
    .select({ kind: reportNeeds.kind, caravanId: caravanReports.caravanId })
    .from(reportNeeds)
    .innerJoin(caravanReports, eq(caravanReports.id, reportNeeds.reportId))
    .where(eq(reportNeeds.id, needId));
  if (!named) throw notFound();
  await lockCaravanNeeds(tx, named.caravanId, "share");
  const [current] = await tx
    .select({ id: reportNeeds.id, kind: reportNeeds.kind })
    .from(caravanReports)
    .leftJoin(reportNeeds, and(eq(reportNeeds.reportId, caravanReports.id), eq(reportNeeds.kind, named.kind)))
    .where(eq(caravanReports.caravanId, named.caravanId))
    .orderBy(desc(caravanReports.reportedAt), desc(caravanReports.id))
    .limit(1);
  if (!current?.id) throw new DomainError("CONFLICT", "needNoLongerReported");
  return current.id;
}
