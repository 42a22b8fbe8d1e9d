// The gazetteer and the place fields of the forms: search as people type (accents, both languages,
// the most populous first, only the region), and what a report or a proposal stores when it names
// a town, sends the phone's position, or sends something hostile.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { desc, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { caravanReports } from "@/db/schema";
import { createTestDatabase } from "../../test-support/database";
import { callerFor, makeCaravan, makeReport, makeUser, refusal } from "../../test-support/factories";
import { reportInput } from "../caravans/inputs";
import { meetingPointDetailsInput } from "../meeting-points/inputs";
import { describePlace, matchPlace, nearestPlace, searchPlaces } from "./gazetteer";
import { gazetteerCountries } from "./regions";

const names = (query: string, limit = 5) => searchPlaces(query, limit).map((p) => p.name);
const caravanId = "00000000-0000-4000-8000-000000000001";

describe("searching the gazetteer", () => {
  it("finds a town from its first letters, without accents or capitals, the most populous first", () => {
    expect(names("tiju")[0]).toBe("Tijuana");
    expect(names("TAPACH")[0]).toBe("Tapachula");
    expect(names("queretaro").length).toBeGreaterThan(0);
    expect(names("san ysidro")[0]).toBe("San Ysidro");
    const populations = searchPlaces("san", 10).map((p) => p.population);
    expect(populations).toEqual([...populations].sort((a, b) => b - a));
  });

  it("knows a town by its Spanish and English names and the usual abbreviations", () => {
    for (const typed of ["cd juarez", "Cd. Juárez", "ciudad juarez", "juárez"]) {
      expect(describePlace(searchPlaces(typed, 1)[0]!, "es").name).toBe("Ciudad Juárez");
    }
    expect(describePlace(searchPlaces("mexico city", 1)[0]!, "es").name).toBe("Ciudad de México");
    expect(describePlace(searchPlaces("ciudad de mexico", 1)[0]!, "en").name).toBe("Mexico City");
    const guatemala = searchPlaces("Guatemala", 1)[0]!;
    expect(describePlace(guatemala, "es").label).toBe("Ciudad de Guatemala, Guatemala, Guatemala");
    expect(describePlace(guatemala, "en").label).toBe("Guatemala City, Guatemala, Guatemala");
  });

  it("names states in the reader's language, and countries by the runtime's own list", () => {
    const monterrey = searchPlaces("Monterrey", 1)[0]!;
    expect(describePlace(monterrey, "es").label).toBe("Monterrey, Nuevo León, México");
    expect(describePlace(monterrey, "en").label).toBe("Monterrey, Nuevo León, Mexico");
    const albuquerque = searchPlaces("Albuquerque", 1)[0]!;
    expect(describePlace(albuquerque, "es").label).toBe("Albuquerque, Nuevo México, Estados Unidos");
    expect(describePlace(albuquerque, "en").label).toBe("Albuquerque, New Mexico, United States");
    // "Name, state" narrows to that state, in either language.
    expect(searchPlaces("Hermosillo, Baja", 5).map((p) => p.admin)).toEqual(["02"]);
  });

  it("covers only Mexico, Central America and the US border states", () => {
    expect(names("Marseille")).toEqual([]);
    expect(names("Toronto")).toEqual([]);
    expect(names("Chicago")).toEqual([]);
    for (const place of searchPlaces("Paris", 10)) {
      expect(place.country === "US" ? ["CA", "AZ", "NM", "TX"] : gazetteerCountries).toContain(
        place.country === "US" ? place.admin : place.country,
      );
    }
  });

  it("finds the town nearest a point, and the town a whole typed name means", () => {
    expect(nearestPlace(32.53, -117.02).name).toMatch(/Tijuana|San Ysidro/);
    expect(matchPlace("tijuana")?.name).toBe("Tijuana");
    expect(matchPlace("Nogales, Arizona")?.country).toBe("US");
    expect(matchPlace("Nogales, Sonora")?.country).toBe("MX");
    expect(matchPlace("Tiju")).toBeNull();
  });
});

describe("a form's place", () => {
  const report = (place: Record<string, unknown>) =>
    reportInput.safeParse({ caravanId, headcount: "800", ...place });

  it("resolves a typed town to its gazetteer position, and a chosen one by its id", () => {
    expect(report({ placeName: "Tijuana" }).data).toMatchObject({
      placeName: "Tijuana",
      latitude: 32.5,
      longitude: -117,
    });
    const juarez = searchPlaces("ciudad juarez", 1)[0]!;
    expect(report({ placeName: "whatever was shown", placeId: juarez.id }).data).toMatchObject({
      placeName: "Juárez",
      latitude: juarez.latitude,
      longitude: juarez.longitude,
    });
  });

  it("refuses a town it does not know, on the place's field", () => {
    const result = report({ placeName: "Atlantis" });
    expect(result.success).toBe(false);
    expect(result.error!.issues).toEqual([
      expect.objectContaining({ path: ["placeName"], params: { key: "unknownPlace" } }),
    ]);
    expect(report({ placeName: "" }).error!.issues[0]!.path).toEqual(["placeName"]);
  });

  it("rounds a position from the phone to hundredths, whatever precision was sent", () => {
    const sent = report({
      placeName: "Ciudad Juárez",
      latitude: "31.7381234567",
      longitude: "-106.4876543219",
    });
    expect(sent.data).toMatchObject({ latitude: 31.74, longitude: -106.49 });
  });

  it("refuses a position outside the region, or half a position", () => {
    expect(report({ placeName: "París", latitude: "48.85", longitude: "2.35" }).success).toBe(false);
    expect(report({ placeName: "Tijuana", latitude: "32.5" }).success).toBe(false);
    expect(report({ placeName: "Tijuana", latitude: "NaN", longitude: "-117" }).success).toBe(false);
  });

  it("gives a meeting point no place by default, and keeps it near the border", () => {
    const details = { name: "Parque Binacional", crossing: "nogales", side: "MX", capacity: "300" };
    expect(meetingPointDetailsInput.safeParse(details).success).toBe(false);
    expect(
      meetingPointDetailsInput.safeParse({ ...details, placeName: "Nogales, Sonora" }).data,
    ).toMatchObject({
      latitude: 31.31,
      longitude: -110.94,
    });
    const far = meetingPointDetailsInput.safeParse({ ...details, placeName: "Tapachula" });
    expect(far.error!.issues[0]).toMatchObject({ path: ["placeName"], params: { key: "placeOutsideArea" } });
  });
});

describe("the API", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle.close();
  });

  it("searches for anyone signed in, in their language, and refuses a 10 kB query with a typed error", async () => {
    const api = callerFor(handle.db, await makeUser(handle.db), "es");
    expect((await api.places.search({ query: "tiju" }))[0]!.label).toBe("Tijuana, Baja California, México");
    const long = await refusal(api.places.search({ query: "a".repeat(10_000) }), "es");
    expect(long.code).toBe("BAD_REQUEST");
    expect(long.fieldErrors?.query).toBeDefined();
    expect((await refusal(api.places.search({ query: "tiju", limit: 500 }))).code).toBe("BAD_REQUEST");
    expect((await refusal(callerFor(handle.db, null).places.search({ query: "tiju" }))).code).toBe(
      "UNAUTHORIZED",
    );
  });

  it("files a report with only a town typed at that town, not at the last report's place", async () => {
    const delegate = await makeUser(handle.db);
    const caravan = await makeCaravan(handle.db, { delegateIds: [delegate.id] });
    await makeReport(handle.db, caravan.id, {
      placeName: "Tapachula",
      latitudeTenths: 149,
      longitudeTenths: -923,
    });
    const api = callerFor(handle.db, delegate, "es");
    await api.caravans.report({ caravanId: caravan.id, placeName: "Hermosillo", headcount: 700 });
    const stored = await handle.db
      .select({
        placeName: caravanReports.placeName,
        latitudeTenths: caravanReports.latitudeTenths,
        longitudeTenths: caravanReports.longitudeTenths,
      })
      .from(caravanReports)
      .where(eq(caravanReports.caravanId, caravan.id))
      .orderBy(desc(caravanReports.reportedAt))
      .limit(1);
    expect(stored).toEqual([{ placeName: "Hermosillo", latitudeTenths: 291, longitudeTenths: -1110 }]);
    const unknown = await refusal(
      api.caravans.report({ caravanId: caravan.id, placeName: "Atlantis", headcount: 1 }),
    );
    expect(unknown.fieldErrors?.placeName).toEqual(["No conocemos ese lugar: elígelo de la lista."]);
  });
});
