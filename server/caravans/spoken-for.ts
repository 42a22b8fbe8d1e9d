// The caravans a person speaks for as a delegate, as their home shows them: status, latest report
// (as the delegate may see it), that report's needs with the pledges groups made against them, and
// the open decisions with whether the caravan has voted. A fixed handful of queries, none per row.
import { and, asc, eq, gt, inArray, lte, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { ballots, caravanDelegates, caravans, decisions } from "@/db/schema";
import { recordReadOnceADay } from "../audit/audit";
import { standingPledges } from "../needs/pledges";
import type { Actor } from "../actor";
import { caravanViewer } from "./access";
import { caravanColumns, latestReports, needsOfReports } from "./caravans";
import { displacementKey } from "./protection";
import { showCaravan } from "./visibility";

export async function caravansSpokenFor(db: Database, actor: Actor) {
  const mine = await db
    .select(caravanColumns)
    .from(caravanDelegates)
    .innerJoin(caravans, eq(caravans.id, caravanDelegates.caravanId))
    .where(eq(caravanDelegates.userId, actor.id))
    .orderBy(caravans.name);
  if (mine.length === 0) return [];
  const ids = mine.map((c) => c.id);
  const [latest, key, viewer, open, cast] = await Promise.all([
    latestReports(db, ids),
    displacementKey(db),
    caravanViewer(db, actor),
    db
      .select({ id: decisions.id, question: decisions.question, closesAt: decisions.closesAt })
      .from(decisions)
      .where(
        and(
          eq(decisions.status, "open"),
          lte(decisions.opensAt, sql`now()`),
          gt(decisions.closesAt, sql`now()`),
        ),
      )
      .orderBy(asc(decisions.closesAt)),
    db
      .select({ decisionId: ballots.decisionId, caravanId: ballots.caravanId })
      .from(ballots)
      .innerJoin(decisions, eq(decisions.id, ballots.decisionId))
      .where(and(inArray(ballots.caravanId, ids), eq(decisions.status, "open"))),
  ]);
  const reportIds = [...latest.values()].flatMap((r) => (r ? [r.id] : []));
  const needs = await needsOfReports(db, reportIds);
  const promised = await standingPledges(
    db,
    needs.map((n) => n.id),
  );
  // A delegate sees their own caravan in full (access.ts), positions displaced like everyone else.
  const asDelegate = { ...viewer, access: "full" as const };
  await recordReadOnceADay(db, {
    actorId: actor.id,
    action: "caravan.read_positions",
    subjectType: "caravan",
  });
  const voted = new Set(cast.map((b) => `${b.decisionId}:${b.caravanId}`));
  return mine.map((row) => {
    const record = { ...row, latest: latest.get(row.id) ?? null };
    const shown = showCaravan(asDelegate, record, key);
    const report = shown.access === "full" ? shown.latest : null;
    return {
      id: row.id,
      name: row.name,
      status: row.status,
      latest: report,
      needs: needs
        .filter((n) => n.reportId === record.latest?.id)
        .map(({ reportId: _r, ...need }) => {
          const its = promised.filter((p) => p.needId === need.id).map(({ needId: _n, ...p }) => p);
          return { ...need, pledged: its.reduce((sum, p) => sum + p.quantity, 0), pledges: its };
        }),
      ballots: open.map((d) => ({ ...d, voted: voted.has(`${d.id}:${row.id}`) })),
    };
  });
}

export type CaravanSpokenFor = Awaited<ReturnType<typeof caravansSpokenFor>>[number];
