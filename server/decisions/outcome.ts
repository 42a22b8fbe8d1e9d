// What a decision's ballots add up to: the count over meeting point ids, whether the quorum was
// met, and the winner, after the options the caravans set aside. One function, used when the decision is closed and when a page is read
// after the closing time but before the closing job has stored the count.
import { asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { ballots, decisionOptions, meetingPoints, type DecisionMethod, type SetAside } from "@/db/schema";
import { countBallots, type Count } from "./count";

export interface Outcome {
  count: Count;
  status: "closed" | "no_quorum";
  winnerId: string | null;
}

export async function tallyDecision(
  db: Database,
  decision: { id: string; method: DecisionMethod; quorum: number },
  setAside: readonly SetAside[] = [],
): Promise<Outcome> {
  const [options, cast] = await Promise.all([
    db
      .select({ id: decisionOptions.meetingPointId, name: meetingPoints.name })
      .from(decisionOptions)
      .innerJoin(meetingPoints, eq(meetingPoints.id, decisionOptions.meetingPointId))
      .where(eq(decisionOptions.decisionId, decision.id))
      .orderBy(asc(decisionOptions.position)),
    db.select({ choices: ballots.choices }).from(ballots).where(eq(ballots.decisionId, decision.id)),
  ]);
  // The lot goes by the options' names, as a recount from the CSV does.
  const names = new Map(options.map((o) => [o.id, o.name]));
  const count = countBallots(
    decision.method,
    options.map((o) => o.id),
    cast.map((b) => b.choices),
    (id) => names.get(id) ?? id,
    setAside,
  );
  const quorumMet = count.ballots >= decision.quorum;
  return { count, status: quorumMet ? "closed" : "no_quorum", winnerId: quorumMet ? count.winner : null };
}
