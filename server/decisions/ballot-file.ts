// The anonymous ballots of a closed decision as CSV, and reading such a file back for a recount.
// First row: the decision's options, by name. Then one row per option the caravans set aside, in
// the count's order: a marker saying why, and the option. Every other row: one ballot, first
// choice first (for approval, the approved options in any order). No database here: `npm run
// tally` uses it too, so the file alone reproduces the result.
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import type { Ballot, SetAside } from "./count";

/** The first cell of a set-aside row, by reason: read by people as much as by `npm run tally`. */
export const setAsideMarkers = {
  refusedByCaravans: "# set aside: refused by the caravans at ratification",
  caravanObjection: "# set aside: a caravan's objection open at closing",
} as const satisfies Record<SetAside["reason"], string>;

const reasonOfMarker = new Map<string, SetAside["reason"]>(
  Object.entries(setAsideMarkers).map(([reason, marker]) => [marker, reason as SetAside["reason"]]),
);

export class BallotFileError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(`row ${row}: ${message}`);
    this.name = "BallotFileError";
  }
}

/** `setAside` names its options as `options` does (by name). */
export function writeBallotFile(
  options: readonly string[],
  ballots: readonly Ballot[],
  setAside: readonly SetAside[] = [],
): string {
  return stringify([options, ...setAside.map((s) => [setAsideMarkers[s.reason], s.option]), ...ballots]);
}

export function readBallotFile(text: string): {
  options: string[];
  ballots: string[][];
  setAside: SetAside[];
} {
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
  const setAside: SetAside[] = [];
  const ballots: string[][] = [];
  rest.forEach((cells, i) => {
    const row = i + 2;
    // A marker is a set-aside row unless an option bears that very name.
    const reason = seenOptions.has(cells[0] ?? "") ? undefined : reasonOfMarker.get(cells[0] ?? "");
    if (reason) {
      const option = cells[1] ?? "";
      if (!seenOptions.has(option)) throw new BallotFileError(row, `"${option}" is not one of the options`);
      setAside.push({ option, reason });
      return;
    }
    const ballot = cells.filter(Boolean);
    if (ballot.length === 0) throw new BallotFileError(row, "the ballot names no option");
    const seen = new Set<string>();
    for (const name of ballot) {
      if (!seenOptions.has(name)) throw new BallotFileError(row, `"${name}" is not one of the options`);
      if (seen.has(name)) throw new BallotFileError(row, `"${name}" appears twice`);
      seen.add(name);
    }
    ballots.push(ballot);
  });
  return { options, ballots, setAside };
}
