// Who has voted and who has not: the ballots a person's groups (and caravans) still owe in the
// decisions open now, and each open decision's turnout. Ballots stay secret: only counts leave here,
// and a voter learns only about the groups and caravans they speak for.
import { and, asc, eq, gt, inArray, lte, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { ballots, decisions } from "@/db/schema";
import type { Actor } from "../actor";
import { delegateCaravans, eligibleVoterCount, votingGroups } from "./access";

/** Decisions taking ballots at this moment: open, past their opening, before their closing. */
const openNow = and(
  eq(decisions.status, "open"),
  lte(decisions.opensAt, sql`now()`),
  gt(decisions.closesAt, sql`now()`),
);

/**
 * The open decisions in which a group `actor` votes for, or a caravan they speak for, has cast no
 * ballot yet: one entry per decision, naming those voters, the soonest closing first.
 */
export async function ballotsAwaiting(db: Database, actor: Actor) {
  const [groups, caravans] = await Promise.all([votingGroups(db, actor), delegateCaravans(db, actor)]);
  if (groups.length === 0 && caravans.length === 0) return [];
  const open = await db
    .select({ id: decisions.id, question: decisions.question, closesAt: decisions.closesAt })
    .from(decisions)
    .where(openNow)
    .orderBy(asc(decisions.closesAt));
  if (open.length === 0) return [];
  const cast = await db
    .select({ decisionId: ballots.decisionId, groupId: ballots.groupId, caravanId: ballots.caravanId })
    .from(ballots)
    .where(
      and(
        inArray(
          ballots.decisionId,
          open.map((d) => d.id),
        ),
        or(
          groups.length
            ? inArray(
                ballots.groupId,
                groups.map((g) => g.id),
              )
            : undefined,
          caravans.length
            ? inArray(
                ballots.caravanId,
                caravans.map((c) => c.id),
              )
            : undefined,
        ),
      ),
    );
  const done = new Set(cast.map((b) => `${b.decisionId}:${b.groupId ?? b.caravanId}`));
  return open.flatMap((decision) => {
    const owed = [...groups, ...caravans].filter((voter) => !done.has(`${decision.id}:${voter.id}`));
    if (owed.length === 0) return [];
    // Caravans are named apart, so that a delegate reads "your caravan", not a group's name.
    const owedCaravans = caravans.filter((c) => owed.includes(c)).map((c) => c.name);
    return [{ ...decision, voters: owed.map((v) => v.name), caravans: owedCaravans }];
  });
}

/** Each decision open now, soonest closing first, with its ballots so far out of those possible. */
export async function openDecisionsTurnout(db: Database, limit = 3) {
  const [rows, eligible] = await Promise.all([
    db
      .select({
        id: decisions.id,
        question: decisions.question,
        method: decisions.method,
        closesAt: decisions.closesAt,
        quorum: decisions.quorum,
        // Plain SQL names: Drizzle leaves a one-table select's columns unqualified.
        ballotsCast: sql<number>`(select count(*) from ballots b where b.decision_id = decisions.id)::int`,
      })
      .from(decisions)
      .where(openNow)
      .orderBy(asc(decisions.closesAt))
      .limit(limit),
    eligibleVoterCount(db),
  ]);
  return rows.map((row) => ({ ...row, ballotsCast: Number(row.ballotsCast), eligible }));
}
