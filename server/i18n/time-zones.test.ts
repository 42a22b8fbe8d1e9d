import { describe, expect, it } from "vitest";
import { timeZones } from "../actions/inputs";
import { timeZoneLabel } from "./time-zones";

describe("time zone names", () => {
  it("read in the reader's language, accents included, with the zone's name", () => {
    expect(timeZoneLabel("America/Mexico_City", "es")).toBe("Ciudad de México (hora estándar central)");
    expect(timeZoneLabel("America/Ciudad_Juarez", "es")).toBe("Ciudad Juárez (hora de las Montañas Rocosas)");
    expect(timeZoneLabel("America/Tijuana", "es")).toBe("Tijuana (hora del Pacífico)");
    expect(timeZoneLabel("America/Mexico_City", "en")).toBe("Mexico City (Central Standard Time)");
    for (const zone of timeZones) {
      expect(timeZoneLabel(zone, "es")).not.toMatch(/GMT|America\/|_/);
    }
  });
});
