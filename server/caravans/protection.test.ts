import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { caravanBox, fromTenths, regionOf } from "./position";
import { displacedPosition, displacementBound, headcountBand, kmBetween } from "./protection";

const KEY = "test-key-not-secret";
const report = fc.record({
  id: fc.uuid(),
  latitudeTenths: fc.integer({ min: caravanBox.south * 10, max: caravanBox.north * 10 }),
  longitudeTenths: fc.integer({ min: caravanBox.west * 10, max: caravanBox.east * 10 }),
});

describe("displaced positions", () => {
  it("never leave their region, never move further than their bound, and are the same on every read", () => {
    fc.assert(
      fc.property(report, ({ id, ...position }) => {
        const stored = fromTenths(position);
        const shown = displacedPosition(KEY, id, position);
        expect(regionOf(shown)).toBe(regionOf(stored));
        // The bound, plus the 4th-decimal rounding of what is shown (about 11 m).
        expect(kmBetween(stored, shown)).toBeLessThanOrEqual(displacementBound(stored) + 0.02);
        expect(displacedPosition(KEY, id, position)).toEqual(shown);
      }),
      { numRuns: 5000 },
    );
  });

  it("differ from report to report at the same place, so averaging many reads of one reveals nothing", () => {
    const tijuana = { latitudeTenths: 325, longitudeTenths: -1170 };
    const shown = Array.from({ length: 200 }, () => displacedPosition(KEY, randomUUID(), tijuana));
    expect(new Set(shown.map((p) => `${p.latitude},${p.longitude}`)).size).toBeGreaterThan(190);
    // Near a town the bound is 2 km; out in the country 5 km.
    expect(displacementBound(fromTenths(tijuana))).toBe(2);
    expect(displacementBound({ latitude: 27.0, longitude: -104.0 })).toBe(5);
  });

  it("depend on the instance's secret key, not only on the report's public id", () => {
    const id = randomUUID();
    const position = { latitudeTenths: 171, longitudeTenths: -967 };
    expect(displacedPosition("one key", id, position)).not.toEqual(
      displacedPosition("another key", id, position),
    );
  });
});

describe("headcount bands", () => {
  it("are never exact and never single out fewer than 5 people", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), (headcount) => {
        const band = headcountBand(headcount);
        if (headcount < 5) {
          expect(band).toBeNull();
          return;
        }
        expect(band!.from).toBeGreaterThanOrEqual(5);
        expect(headcount).toBeGreaterThanOrEqual(band!.from);
        if (band!.to !== null) expect(headcount).toBeLessThan(band!.to);
        expect(band!.to === null || band!.to - band!.from >= 20).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});
