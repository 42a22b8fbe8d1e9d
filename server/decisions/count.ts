// The open count of a decision: instant-runoff and approval, with one documented tie-break. Pure:
// no database, no clock. The server stores what this returns; `npm run tally` recounts a CSV with it.
//
// TIE-BREAK (the same for every count, reproducible from the ballots alone):
//   When several options share the lowest tally of an instant-runoff round, the one eliminated is
//   1. the one with fewer votes in the round before, looking back one round at a time to the first;
//   2. if still tied, the one named on fewer ballots at any rank (less support overall);
//   3. if still tied, the one that loses the lot: the lot ranks options by the SHA-256 of their
//      name (hex, ascending) and keeps the lowest, so the option with the highest hash goes out.
//   An approval count that ends in a tie for the most approvals is decided by the same lot.
//   Options named on no ballot at all are eliminated together in the first round ("unranked"):
//   they cannot change who wins, and a recount from the CSV (which cannot name them) agrees.
//
// SET ASIDE BY THE CARAVANS: an option a caravan's objection still blocked at the closing, or one
//   the caravans refused to ratify, leaves the count before anything else, one round each, in the
//   order it was set aside; the count then goes on without it. `npm run tally --set-aside` too.
import { createHash } from "node:crypto";
import type { Count, CountMethod, EliminationReason, Round, SetAside, Tally } from "@/db/schema";

export type { CountMethod, Count, Round, Tally, EliminationReason, SetAside };
export const countMethods = ["irv", "approval"] as const satisfies readonly CountMethod[];

/** A ballot: option keys, first choice first (for approval, the approved options in any order). */
export type Ballot = readonly string[];

/** The lot: a fixed, public order of names no one chooses. Lower wins. */
export function lotKey(option: string): string {
  return createHash("sha256").update(option, "utf8").digest("hex");
}

/** Most votes first; equal tallies keep the order of the options (a stable sort), as the CSV header does. */
const byVotes = (a: Tally, b: Tally) => b.votes - a.votes;

function firstActive(ballot: Ballot, active: ReadonlySet<string>): string | undefined {
  return ballot.find((option) => active.has(option));
}

/**
 * Instant-runoff: each round gives every ballot to its highest-ranked option still in the count;
 * an option with more than half of the votes still in play wins; otherwise the weakest goes out.
 */
export function countInstantRunoff(
  options: readonly string[],
  ballots: readonly Ballot[],
  nameOf: (option: string) => string = (o) => o,
  setAside: readonly SetAside[] = [],
): Count {
  const known = new Set(options);
  const aside = setAside.filter((s) => known.has(s.option));
  const mentions = new Map(options.map((o) => [o, 0]));
  for (const ballot of ballots)
    for (const o of new Set(ballot)) if (known.has(o)) mentions.set(o, mentions.get(o)! + 1);
  const active = new Set(options);
  const rounds: Round[] = [];
  const history: Map<string, number>[] = [];

  for (let number = 1; ; number++) {
    const votes = new Map([...active].map((o) => [o, 0]));
    let exhausted = 0;
    for (const ballot of ballots) {
      const choice = firstActive(ballot, active);
      if (choice === undefined) exhausted++;
      else votes.set(choice, votes.get(choice)! + 1);
    }
    history.push(votes);
    const tallies = [...votes].map(([option, v]) => ({ option, votes: v })).sort(byVotes);
    const inPlay = ballots.length - exhausted;
    const round: Round = { number, tallies, exhausted, eliminated: [], reason: null };
    rounds.push(round);

    // The caravans' set-aside options go first, one a round, whatever their votes.
    const next = aside[number - 1];
    if (next) {
      round.eliminated = [next.option];
      round.reason = next.reason;
      active.delete(next.option);
      if (active.size === 0)
        return {
          method: "irv",
          ballots: ballots.length,
          rounds,
          winner: null,
          decidedBy: null,
          setAside: aside,
        };
      continue;
    }
    const first = number === aside.length + 1;
    if (inPlay === 0)
      return {
        method: "irv",
        ballots: ballots.length,
        rounds,
        winner: null,
        decidedBy: null,
        setAside: aside,
      };
    const top = tallies[0]!;
    if (top.votes * 2 > inPlay || active.size === 1) {
      const byLot = rounds.some((r) => r.reason === "lot");
      return {
        method: "irv",
        ballots: ballots.length,
        rounds,
        winner: top.option,
        decidedBy: byLot ? "lot" : "votes",
        setAside: aside,
      };
    }

    const unranked = first ? [...active].filter((o) => mentions.get(o) === 0) : [];
    if (unranked.length > 0 && unranked.length < active.size) {
      round.eliminated = unranked;
      round.reason = "unranked";
    } else {
      const { option, reason } = weakest([...active], history, mentions, nameOf);
      round.eliminated = [option];
      round.reason = reason;
    }
    // The last option standing wins the next round; that round is counted so every round is shown.
    for (const o of round.eliminated) active.delete(o);
  }
}

/** The option to eliminate among those with the fewest votes this round, by the tie-break rule. */
function weakest(
  active: string[],
  history: Map<string, number>[],
  mentions: Map<string, number>,
  nameOf: (option: string) => string,
): { option: string; reason: EliminationReason } {
  const current = history.at(-1)!;
  const fewest = Math.min(...active.map((o) => current.get(o)!));
  let tied = active.filter((o) => current.get(o) === fewest);
  if (tied.length === 1) return { option: tied[0]!, reason: "fewest" };
  for (let r = history.length - 2; r >= 0 && tied.length > 1; r--) {
    const earlier = history[r]!;
    const min = Math.min(...tied.map((o) => earlier.get(o) ?? 0));
    tied = tied.filter((o) => (earlier.get(o) ?? 0) === min);
  }
  if (tied.length === 1) return { option: tied[0]!, reason: "fewestEarlier" };
  const minMentions = Math.min(...tied.map((o) => mentions.get(o)!));
  tied = tied.filter((o) => mentions.get(o) === minMentions);
  if (tied.length === 1) return { option: tied[0]!, reason: "fewestMentions" };
  const loser = tied.reduce((a, b) => (lotKey(nameOf(a)) > lotKey(nameOf(b)) ? a : b));
  return { option: loser, reason: "lot" };
}

/** Approval: every option approved on a ballot gets one vote from it; the most approvals win. */
export function countApproval(
  options: readonly string[],
  ballots: readonly Ballot[],
  nameOf: (option: string) => string = (o) => o,
  setAside: readonly SetAside[] = [],
): Count {
  const known = new Set(options);
  const aside = setAside.filter((s) => known.has(s.option));
  const rounds: Round[] = [];
  // Each set-aside option is a round of its own, as in instant-runoff; the last round decides.
  let remaining = [...options];
  for (let number = 1; ; number++) {
    const votes = new Map(remaining.map((o) => [o, 0]));
    let exhausted = 0;
    for (const ballot of ballots) {
      const approved = new Set(ballot.filter((o) => votes.has(o)));
      if (approved.size === 0) exhausted++;
      for (const o of approved) votes.set(o, votes.get(o)! + 1);
    }
    const tallies = [...votes].map(([option, v]) => ({ option, votes: v })).sort(byVotes);
    const round: Round = { number, tallies, exhausted, eliminated: [], reason: null };
    rounds.push(round);
    const next = aside[number - 1];
    if (!next) return approvalWinner(ballots.length, rounds, tallies, nameOf, aside);
    round.eliminated = [next.option];
    round.reason = next.reason;
    remaining = remaining.filter((o) => o !== next.option);
  }
}

function approvalWinner(
  ballots: number,
  rounds: Round[],
  tallies: Tally[],
  nameOf: (option: string) => string,
  setAside: SetAside[],
): Count {
  const most = tallies[0]?.votes ?? 0;
  if (most === 0) return { method: "approval", ballots, rounds, winner: null, decidedBy: null, setAside };
  const leaders = tallies.filter((t) => t.votes === most).map((t) => t.option);
  const winner = leaders.reduce((a, b) => (lotKey(nameOf(a)) <= lotKey(nameOf(b)) ? a : b));
  return {
    method: "approval",
    ballots,
    rounds,
    winner,
    decidedBy: leaders.length > 1 ? "lot" : "votes",
    setAside,
  };
}

/**
 * Counts `ballots` over option keys. `nameOf` gives each option's public name, which the lot uses,
 * so a count over database ids and a recount over the names in the CSV always agree. `setAside`
 * leaves the count first, in its order.
 */
export function countBallots(
  method: CountMethod,
  options: readonly string[],
  ballots: readonly Ballot[],
  nameOf: (option: string) => string = (o) => o,
  setAside: readonly SetAside[] = [],
): Count {
  return method === "irv"
    ? countInstantRunoff(options, ballots, nameOf, setAside)
    : countApproval(options, ballots, nameOf, setAside);
}

/** A count over option keys, retold with names (or any other label) in place of the keys. */
export function relabel(count: Count, label: (option: string) => string): Count {
  return {
    ...count,
    winner: count.winner === null ? null : label(count.winner),
    rounds: count.rounds.map((r) => ({
      ...r,
      tallies: r.tallies.map((t) => ({ ...t, option: label(t.option) })),
      eliminated: r.eliminated.map(label),
    })),
    setAside: (count.setAside ?? []).map((s) => ({ ...s, option: label(s.option) })),
  };
}
