import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countApproval, countBallots, countInstantRunoff, lotKey, relabel, type Ballot } from "./count";

const times = (n: number, ballot: Ballot): Ballot[] => Array.from({ length: n }, () => ballot);

describe("instant-runoff", () => {
  it("elects Knoxville in the Tennessee capital example, where plurality would pick Memphis", () => {
    const ballots = [
      ...times(42, ["Memphis", "Nashville", "Chattanooga", "Knoxville"]),
      ...times(26, ["Nashville", "Chattanooga", "Knoxville", "Memphis"]),
      ...times(15, ["Chattanooga", "Knoxville", "Nashville", "Memphis"]),
      ...times(17, ["Knoxville", "Chattanooga", "Nashville", "Memphis"]),
    ];
    const count = countInstantRunoff(["Memphis", "Nashville", "Chattanooga", "Knoxville"], ballots);
    expect(count.rounds[0]!.tallies[0]).toEqual({ option: "Memphis", votes: 42 });
    expect(count.rounds.map((r) => r.eliminated)).toEqual([["Chattanooga"], ["Nashville"], []]);
    expect(count.rounds[2]!.tallies).toEqual([
      { option: "Knoxville", votes: 58 },
      { option: "Memphis", votes: 42 },
    ]);
    expect(count.winner).toBe("Knoxville");
    expect(count.decidedBy).toBe("votes");
  });

  it("lets the transfers beat a plurality of first choices", () => {
    const ballots = [...times(8, ["A"]), ...times(5, ["B", "C"]), ...times(4, ["C", "B"])];
    const count = countInstantRunoff(["A", "B", "C"], ballots);
    expect(count.rounds).toHaveLength(2);
    expect(count.rounds[0]!.eliminated).toEqual(["C"]);
    expect(count.winner).toBe("B");
  });

  it("sets exhausted ballots aside, and breaks ties by mentions and then by earlier rounds", () => {
    const ballots = [...times(3, ["A"]), ...times(2, ["B"]), ["C", "B"], ["C"]];
    const count = countInstantRunoff(["A", "B", "C"], ballots);
    expect(count.rounds[0]).toMatchObject({ eliminated: ["C"], reason: "fewestMentions", exhausted: 0 });
    expect(count.rounds[1]).toMatchObject({ eliminated: ["B"], reason: "fewestEarlier", exhausted: 1 });
    expect(count.rounds[2]).toMatchObject({ exhausted: 4, tallies: [{ option: "A", votes: 3 }] });
    expect(count.winner).toBe("A");
  });

  it("decides a dead heat by the lot: the name with the lowest SHA-256 stays", () => {
    const [low, high] = ["Nogales", "Matamoros"].sort((a, b) => (lotKey(a) < lotKey(b) ? -1 : 1));
    const count = countInstantRunoff(["Nogales", "Matamoros"], [["Nogales"], ["Matamoros"]]);
    expect(count.rounds[0]).toMatchObject({ eliminated: [high], reason: "lot" });
    expect(count.winner).toBe(low);
    expect(count.decidedBy).toBe("lot");
  });

  it("elects a single option anyone voted for, and no one without ballots", () => {
    expect(countInstantRunoff(["Tijuana"], [["Tijuana"]]).winner).toBe("Tijuana");
    const empty = countInstantRunoff(["Tijuana", "Nogales"], []);
    expect(empty.winner).toBeNull();
    expect(empty.rounds).toEqual([
      {
        number: 1,
        tallies: [
          { option: "Tijuana", votes: 0 },
          { option: "Nogales", votes: 0 },
        ],
        exhausted: 0,
        eliminated: [],
        reason: null,
      },
    ]);
  });

  it("puts options nobody ranked out together in the first round", () => {
    const count = countInstantRunoff(["A", "B", "C", "D"], [["A"], ["B"], ["A", "B"], ["B"]]);
    expect(count.rounds[0]).toMatchObject({ eliminated: ["C", "D"], reason: "unranked" });
    expect(count.rounds[1]).toMatchObject({ eliminated: ["A"], reason: "fewestMentions" });
    expect(count.winner).toBe("B");
  });
});

describe("approval", () => {
  it("elects the option approved on most ballots", () => {
    const count = countApproval(["A", "B", "C"], [["A", "B"], ["B"], ["C", "B"], ["A"]]);
    expect(count.rounds[0]!.tallies).toEqual([
      { option: "B", votes: 3 },
      { option: "A", votes: 2 },
      { option: "C", votes: 1 },
    ]);
    expect(count.winner).toBe("B");
  });

  it("breaks a tie by the same lot, and elects no one without approvals", () => {
    const lowest = ["A", "B"].sort((a, b) => (lotKey(a) < lotKey(b) ? -1 : 1))[0];
    expect(countApproval(["A", "B"], [["A"], ["B"]])).toMatchObject({ winner: lowest, decidedBy: "lot" });
    expect(countApproval(["A", "B"], []).winner).toBeNull();
  });
});

// Ballots over a few options: each a ranking without repeats (a prefix of a permutation).
const names = ["Tijuana", "Mexicali", "Nogales", "Juárez", "Laredo"];
const ballot = fc.shuffledSubarray(names, { minLength: 1 }).map((b) => b as Ballot);
const ballots = fc.array(ballot, { maxLength: 60 });
const method = fc.constantFrom("irv" as const, "approval" as const);

describe("properties of the count", () => {
  it("never invents votes: every round's tallies and exhausted ballots add up to the ballots", () => {
    fc.assert(
      fc.property(method, ballots, (m, bs) => {
        const count = countBallots(m, names, bs);
        for (const round of count.rounds) {
          const votes = round.tallies.reduce((sum, t) => sum + t.votes, 0);
          if (m === "irv") expect(votes + round.exhausted).toBe(bs.length);
          else expect(votes).toBe(bs.reduce((sum, b) => sum + new Set(b).size, 0));
        }
      }),
    );
  });

  it("elects the unanimous first preference", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.array(ballot, { minLength: 1, maxLength: 40 }),
        (first, bs) => {
          const unanimous = bs.map((b) => [first, ...b.filter((o) => o !== first)]);
          expect(countInstantRunoff(names, unanimous).winner).toBe(first);
          expect(
            countApproval(
              names,
              unanimous.map((b) => [b[0]!]),
            ).winner,
          ).toBe(first);
        },
      ),
    );
  });

  it("is unchanged when an option nobody ranked is taken out", () => {
    fc.assert(
      fc.property(method, ballots, (m, bs) => {
        const unranked = "Sin votos";
        const withIt = countBallots(m, [...names, unranked], bs);
        const without = countBallots(m, names, bs);
        expect(withIt.winner).toBe(without.winner);
      }),
    );
  });

  it("agrees with a recount over other keys for the same names (ids on the server, names in the CSV)", () => {
    fc.assert(
      fc.property(method, ballots, (m, bs) => {
        const key = (name: string) => `id-${[...name].reverse().join("")}`;
        const byKey = new Map(names.map((n) => [key(n), n]));
        const overKeys = countBallots(
          m,
          names.map(key),
          bs.map((b) => b.map(key)),
          (k) => byKey.get(k)!,
        );
        expect(relabel(overKeys, (k) => byKey.get(k)!)).toEqual(countBallots(m, names, bs));
      }),
    );
  });

  it("gives the same answer whatever order the ballots come in", () => {
    fc.assert(
      fc.property(method, ballots, (m, bs) => {
        expect(countBallots(m, names, [...bs].reverse())).toEqual(countBallots(m, names, bs));
      }),
    );
  });
});

describe("options set aside by the caravans", () => {
  it("leave an instant-runoff count first, one round each, whatever their votes; the count goes on without them", () => {
    const ballots = [...times(8, ["A", "C"]), ...times(5, ["B", "C"]), ...times(4, ["C", "B"])];
    const count = countBallots("irv", ["A", "B", "C"], ballots, undefined, [
      { option: "A", reason: "caravanObjection" },
    ]);
    expect(count.rounds[0]).toMatchObject({ eliminated: ["A"], reason: "caravanObjection" });
    expect(count.rounds[1]!.tallies).toEqual([
      { option: "C", votes: 12 },
      { option: "B", votes: 5 },
    ]);
    expect(count.winner).toBe("C");
    expect(count.setAside).toEqual([{ option: "A", reason: "caravanObjection" }]);
    // Every option set aside: no winner.
    const none = countBallots("irv", ["A", "B"], [["A"], ["B"]], undefined, [
      { option: "A", reason: "refusedByCaravans" },
      { option: "B", reason: "refusedByCaravans" },
    ]);
    expect(none.winner).toBeNull();
  });

  it("leave an approval count in a round each, and the most approvals among the rest win", () => {
    const ballots = [["A", "B"], ["A"], ["A", "C"], ["C"]];
    const count = countBallots("approval", ["A", "B", "C"], ballots, undefined, [
      { option: "A", reason: "refusedByCaravans" },
    ]);
    expect(count.rounds).toHaveLength(2);
    expect(count.rounds[0]).toMatchObject({ eliminated: ["A"], reason: "refusedByCaravans" });
    expect(count.winner).toBe("C");
  });
});
