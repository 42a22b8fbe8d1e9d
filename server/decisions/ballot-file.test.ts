// ballots.csv read back as written: the ballots and the options the caravans set aside, so that
// `npm run tally` needs nothing but the file.
import { describe, expect, it } from "vitest";
import { BallotFileError, readBallotFile, setAsideMarkers, writeBallotFile } from "./ballot-file";

describe("the ballot file", () => {
  it("keeps the options the caravans set aside, in order, apart from the ballots", () => {
    const options = ["Tijuana, El Chaparral", "Nogales", "Mexicali"];
    const ballots = [["Nogales", "Mexicali"], ["Tijuana, El Chaparral"], ["Mexicali"]];
    const setAside = [
      { option: "Tijuana, El Chaparral", reason: "caravanObjection" as const },
      { option: "Nogales", reason: "refusedByCaravans" as const },
    ];
    expect(readBallotFile(writeBallotFile(options, ballots, setAside))).toEqual({
      options,
      ballots,
      setAside,
    });
    expect(readBallotFile(writeBallotFile(options, ballots))).toEqual({ options, ballots, setAside: [] });
  });

  it("reads a marker as a ballot when an option bears its name, and refuses setting aside an unknown option", () => {
    const marker = setAsideMarkers.refusedByCaravans;
    const options = [marker, "Nogales"];
    expect(readBallotFile(writeBallotFile(options, [[marker, "Nogales"]]))).toMatchObject({
      ballots: [[marker, "Nogales"]],
      setAside: [],
    });
    expect(() => readBallotFile(`Nogales,Mexicali\n"${marker}",Laredo\n`)).toThrow(BallotFileError);
  });
});
