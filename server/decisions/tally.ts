// `npm run tally -- FILE.csv [--method irv|approval]`: recounts the ballots downloaded from a closed
// decision with the very code the server counted them with, round by round, and names the winner.
import { readFileSync } from "node:fs";
import { BallotFileError, readBallotFile } from "./ballot-file";
import { countBallots, countMethods, type CountMethod, type Round } from "./count";

const reasons: Record<NonNullable<Round["reason"]>, string> = {
  unranked: "ranked on no ballot",
  fewest: "fewest votes",
  fewestEarlier: "tied for fewest; fewer votes in an earlier round",
  fewestMentions: "tied for fewest; named on fewer ballots",
  lot: "tied for fewest; lost the lot (SHA-256 of the name)",
};

function main(args: string[]): number {
  const methodAt = args.indexOf("--method");
  const method = (methodAt >= 0 ? args[methodAt + 1] : "irv") as CountMethod;
  const file = args.find((a, i) => !a.startsWith("--") && (methodAt < 0 || i !== methodAt + 1));
  if (!file || !countMethods.includes(method)) {
    console.error("usage: npm run tally -- FILE.csv [--method irv|approval]");
    return 2;
  }
  let parsed;
  try {
    parsed = readBallotFile(readFileSync(file, "utf8"));
  } catch (error) {
    if (error instanceof BallotFileError) {
      console.error(`${file}: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const count = countBallots(method, parsed.options, parsed.ballots);
  console.log(`${method === "irv" ? "instant-runoff" : "approval"}: ${count.ballots} ballots`);
  for (const round of count.rounds) {
    const tallies = round.tallies.map((t) => `${t.option} ${t.votes}`).join(", ");
    console.log(`round ${round.number}: ${tallies}; exhausted ${round.exhausted}`);
    if (round.eliminated.length > 0) {
      console.log(`  eliminated: ${round.eliminated.join(", ")} (${reasons[round.reason!]})`);
    }
  }
  if (count.decidedBy === "lot") console.log("decided by the lot (see server/decisions/count.ts)");
  console.log(`winner: ${count.winner ?? "none"}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
