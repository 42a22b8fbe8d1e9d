// `npm run tally -- FILE.csv [--method irv|approval] [--set-aside NAME]... [--objected NAME]...`:
// recounts the ballots downloaded from a closed decision with the very code the server counted them
// with, round by round, and names the winner. The options the caravans set aside are read from the
// file; the flags (refused: --set-aside; a caravan's objection open at closing: --objected) add
// others after them, for a file written by hand or before files held them.
import { readFileSync } from "node:fs";
import { BallotFileError, readBallotFile } from "./ballot-file";
import { countBallots, countMethods, type CountMethod, type Round, type SetAside } from "./count";

const reasons: Record<NonNullable<Round["reason"]>, string> = {
  unranked: "ranked on no ballot",
  fewest: "fewest votes",
  fewestEarlier: "tied for fewest; fewer votes in an earlier round",
  fewestMentions: "tied for fewest; named on fewer ballots",
  lot: "tied for fewest; lost the lot (SHA-256 of the name)",
  caravanObjection: "set aside by the caravans: a caravan's objection was open at closing",
  refusedByCaravans: "set aside by the caravans: refused at ratification",
};

const setAsideFlags = { "--set-aside": "refusedByCaravans", "--objected": "caravanObjection" } as const;

function main(args: string[]): number {
  let method: string = "irv";
  let file: string | undefined;
  const setAside: SetAside[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--method") method = args[++i] ?? "";
    else if (arg in setAsideFlags) {
      setAside.push({ option: args[++i] ?? "", reason: setAsideFlags[arg as keyof typeof setAsideFlags] });
    } else if (!arg.startsWith("--") && file === undefined) file = arg;
    else file = "";
  }
  if (!file || !countMethods.includes(method as CountMethod)) {
    console.error(
      "usage: npm run tally -- FILE.csv [--method irv|approval] [--set-aside NAME]... [--objected NAME]...",
    );
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
  const unknown = setAside.find((s) => !parsed.options.includes(s.option));
  if (unknown) {
    console.error(`${file}: "${unknown.option}" is not one of the options`);
    return 1;
  }
  const inFile = new Set(parsed.setAside.map((s) => s.option));
  const aside = [...parsed.setAside, ...setAside.filter((s) => !inFile.has(s.option))];
  const count = countBallots(method as CountMethod, parsed.options, parsed.ballots, (o) => o, aside);
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
