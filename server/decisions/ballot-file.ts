// The anonymous ballots of a closed decision as CSV, and reading such a file back for a recount.
// First row: the decision's options, by name. Every other row: one ballot, first choice first
// (for approval, the approved options in any order). No database here: `npm run tally` uses it too.
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import type { Ballot } from "./count";

export class BallotFileError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(`row ${row}: ${message}`);
    this.name = "BallotFileError";
  }
}

export function writeBallotFile(options: readonly string[], ballots: readonly Ballot[]): string {
  return stringify([options, ...ballots]);
}

export function readBallotFile(text: string): { options: string[]; ballots: string[][] } {
  const rows = parse(text, {
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    bom: true,
  }) as string[][];
  const [header, ...rest] = rows;
  if (!header) throw new BallotFileError(1, "the file is empty; its first row must name the options");
  const options = header.filter(Boolean);
  const seenOptions = new Set<string>();
  for (const name of options) {
    if (seenOptions.has(name)) throw new BallotFileError(1, `option "${name}" is named twice`);
    seenOptions.add(name);
  }
  const ballots = rest.map((cells, i) => {
    const row = i + 2;
    const ballot = cells.filter(Boolean);
    if (ballot.length === 0) throw new BallotFileError(row, "the ballot names no option");
    const seen = new Set<string>();
    for (const name of ballot) {
      if (!seenOptions.has(name)) throw new BallotFileError(row, `"${name}" is not one of the options`);
      if (seen.has(name)) throw new BallotFileError(row, `"${name}" appears twice`);
      seen.add(name);
    }
    return ballot;
  });
  return { options, ballots };
}
