import { and, count, eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, caravanReports, phoneNumbers } from "@/db/schema";
import { createTestDatabase } from "../../test-support/database";
import {
  addMember,
  callerFor,
  makeCaravan,
  makeGroup,
  makeMeetingPoint,
  makeReport,
  makeUser,
  personInGroup,
  refusal,
} from "../../test-support/factories";
import { kmBetween } from "./protection";
import { caravanBox, regionOf } from "./position";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

/** What the reader of Spanish is told about a refused call. */
const oaxaca = {
  placeName: "Juchitán, Oaxaca",
  latitude: 16.4367,
  longitude: -95.0191,
  headcount: 850,
  needs: [
    { kind: "water" as const, quantity: 850, note: "litros por día" },
    { kind: "medical" as const, note: "ampollas en los pies" },
  ],
};

describe("caravans", () => {
  it("are created and edited by coordinators of verified groups, on the record", async () => {
    const { api, person } = await personInGroup(handle.db, "coordinator", { locale: "es" });
    const details = {
      name: "Caravana Éxodo Tapachula",
      origin: "HN" as const,
      departureDate: "2026-10-12",
      estimatedSize: 3000,
      status: "forming" as const,
    };
    const { id } = await api.caravans.create({ details });
    await api.caravans.update({ caravanId: id, details: { ...details, status: "in_transit" } });
    const { caravan } = await api.caravans.get({ caravanId: id });
    expect(caravan).toMatchObject({ name: details.name, status: "in_transit", access: "full" });
    const events = await handle.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, id));
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(["caravan.create", "caravan.update", "caravan.read_timeline"]),
    );
    expect(person.id).toBeTruthy();
    // A reader's reads are on the record once a day, however often the page is reloaded.
    const reads = () =>
      handle.db
        .select({ at: auditEvents.at })
        .from(auditEvents)
        .where(and(eq(auditEvents.subjectId, id), eq(auditEvents.action, "caravan.read_timeline")));
    await api.caravans.get({ caravanId: id });
    await api.caravans.get({ caravanId: id });
    expect(await reads()).toHaveLength(1);
    await handle.db
      .update(auditEvents)
      .set({ at: new Date(Date.now() - 86_400_000) })
      .where(and(eq(auditEvents.subjectId, id), eq(auditEvents.action, "caravan.read_timeline")));
    await api.caravans.get({ caravanId: id });
    expect(await reads()).toHaveLength(2);
    const plain = await personInGroup(handle.db, "member", { locale: "es" });
    expect(await refusal(plain.api.caravans.create({ details }))).toMatchObject({
      code: "FORBIDDEN",
      message:
        "Solo coordinadores de grupos verificados (y administradores) pueden crear y editar caravanas.",
    });
  });

  it("show who speaks for them to those who may change them, and to no other verified group", async () => {
    const registrar = await personInGroup(handle.db, "coordinator");
    const other = await personInGroup(handle.db, "coordinator");
    const delegate = await makeUser(handle.db, { name: "Delegada Lucía" });
    const caravan = await makeCaravan(handle.db, { groupId: registrar.group.id, delegateIds: [delegate.id] });
    const named = [{ userId: delegate.id, name: "Delegada Lucía" }];
    const seenBy = async (api: ReturnType<typeof callerFor>) => {
      const { caravan: seen } = await api.caravans.get({ caravanId: caravan.id });
      return seen.access === "full" ? seen.delegates : "not full";
    };
    expect(await seenBy(registrar.api)).toEqual(named);
    expect(await seenBy(callerFor(handle.db, delegate))).toEqual(named);
    expect(await seenBy(other.api)).toBeNull();
  });

  it("get a delegate with only a phone named by the number they signed in with, never a stranger's", async () => {
    const admin = callerFor(handle.db, await makeUser(handle.db, { isAdmin: true }));
    const caravan = await makeCaravan(handle.db);
    const delegate = await makeUser(handle.db, { name: "Delegado Chuy", email: null });
    await handle.db.insert(phoneNumbers).values({ userId: delegate.id, e164: "+526645550101" });
    // Typed as a coordinator would: national, with spaces.
    await admin.caravans.addDelegate({ caravanId: caravan.id, phone: "664 555 0101" });
    const { caravan: seen } = await admin.caravans.get({ caravanId: caravan.id });
    expect(seen.access === "full" && seen.delegates).toEqual([
      { userId: delegate.id, name: "Delegado Chuy" },
    ]);
    // A number nobody has signed in with names nobody: no account is made for it.
    await expect(
      admin.caravans.addDelegate({ caravanId: caravan.id, phone: "+52 664 555 0199" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", message: "delegateUnknown" });
    await expect(admin.caravans.addDelegate({ caravanId: caravan.id, phone: "12" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "phoneInvalid",
    });
  });

  it("get delegates named by an admin, by the address they signed in with", async () => {
    const admin = callerFor(handle.db, await makeUser(handle.db, { isAdmin: true }));
    const caravan = await makeCaravan(handle.db);
    const delegate = await makeUser(handle.db, { name: "Delegada Rosa" });
    await admin.caravans.addDelegate({ caravanId: caravan.id, email: delegate.email.toUpperCase() });
    const { caravan: seen } = await admin.caravans.get({ caravanId: caravan.id });
    expect(seen.access === "full" && seen.delegates).toEqual([
      { userId: delegate.id, name: "Delegada Rosa" },
    ]);
    await expect(
      admin.caravans.addDelegate({ caravanId: caravan.id, email: "nadie@example.org" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await admin.caravans.removeDelegate({ caravanId: caravan.id, userId: delegate.id });
    await expect(
      admin.caravans.removeDelegate({ caravanId: caravan.id, userId: delegate.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("a delegate's own data", () => {
  it("is in their export: the caravans they speak for and the reports they made", async () => {
    const delegate = await makeUser(handle.db);
    const caravan = await makeCaravan(handle.db, { name: "Caravana Exportada", delegateIds: [delegate.id] });
    await makeReport(handle.db, caravan.id, { reportedBy: delegate.id, placeName: "Arriaga, Chiapas" });
    await makeReport(handle.db, caravan.id, { placeName: "Someone else's report" });
    const data = await callerFor(handle.db, delegate).me.export();
    expect(data.delegateOfCaravans).toEqual([expect.objectContaining({ caravan: "Caravana Exportada" })]);
    expect(data.caravanReportsIMade).toEqual([
      expect.objectContaining({ caravan: "Caravana Exportada", placeName: "Arriaga, Chiapas" }),
    ]);
  });
});

describe("what each viewer sees", () => {
  it("shows the public and unverified groups a caravan's region and status only, in the serialized response", async () => {
    const caravan = await makeCaravan(handle.db, { name: "Caravana Pública" });
    const reporter = await makeUser(handle.db, { name: "Reportera Secreta" });
    await makeReport(handle.db, caravan.id, {
      reportedBy: reporter.id,
      placeName: "Ejido Escondido",
      latitudeTenths: 171,
      longitudeTenths: -967,
      headcount: 1234,
    });
    const unverified = await personInGroup(handle.db, "coordinator", { verified: false, locale: "es" });
    for (const api of [
      callerFor(handle.db, null),
      unverified.api,
      callerFor(handle.db, await makeUser(handle.db)),
    ]) {
      const one = await api.caravans.get({ caravanId: caravan.id });
      const all = await api.caravans.list();
      for (const response of [one, all]) {
        const serialized = JSON.stringify(response);
        // Only a band: the key "headcountBand", never an exact count.
        expect(serialized.replaceAll('"headcountBand"', "")).not.toMatch(
          /headcount|estimatedSize|latitude|longitude|timeline|needs/i,
        );
        expect(serialized).not.toContain("1234");
        expect(serialized).not.toContain("1200"); // the estimated size
        expect(serialized).not.toContain("17.1");
        expect(serialized).not.toContain("-96.7");
        expect(serialized).not.toContain("Ejido Escondido");
        expect(serialized).not.toContain("Reportera Secreta");
      }
      expect(one.caravan).toEqual({
        access: "public",
        id: caravan.id,
        name: "Caravana Pública",
        origin: "HN",
        departureDate: "2026-10-12",
        status: "in_transit",
        region: "south",
        regionAt: [-97.8, 17.4],
        headcountBand: { from: 1000, to: 2500 },
        corroboration: { groups: 0, reportedAt: expect.any(Date) },
      });
    }
  });

  it("shows members of verified groups the full timeline, and records that they read it", async () => {
    const caravan = await makeCaravan(handle.db);
    const reporter = await personInGroup(handle.db, "member", { locale: "es" });
    await makeReport(handle.db, caravan.id, {
      reportedBy: reporter.person.id,
      reporterGroupId: reporter.group.id,
      latitudeTenths: 149,
      longitudeTenths: -923,
      headcount: 900,
    });
    await makeReport(handle.db, caravan.id, { latitudeTenths: 171, longitudeTenths: -967, headcount: 850 });
    const reader = await personInGroup(handle.db, "member", { locale: "es" });
    const { caravan: seen } = await reader.api.caravans.get({ caravanId: caravan.id });
    if (seen.access !== "full") throw new Error("expected the full view");
    expect(seen.estimatedSize).toBe(1200);
    expect(seen.latest).toMatchObject({ headcount: 850 });
    // Displaced within 5 km of the stored point (2 km near a town), never the stored point itself.
    expect(kmBetween(seen.latest!, { latitude: 17.1, longitude: -96.7 })).toBeLessThanOrEqual(5);
    expect(seen.latest).not.toMatchObject({ latitude: 17.1, longitude: -96.7 });
    expect(seen.timeline).toHaveLength(2);
    expect(seen.timeline[1]).toMatchObject({
      reporterName: reporter.person.name,
      reporterGroupName: reporter.group.name,
      verification: "unverified",
      canConfirm: true,
    });
    expect(seen.headcountTrend.map((p) => p.headcount)).toEqual([900, 850]);
    expect(seen.latestNeeds).toMatchObject([{ kind: "water", quantity: 900, pledged: 0 }]);
    const [read] = await handle.db
      .select({ n: count() })
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, caravan.id));
    expect(read!.n).toBe(1);
  });

  it("shows a delegate their own caravan in full and other caravans by region only", async () => {
    const delegate = await makeUser(handle.db);
    const mine = await makeCaravan(handle.db, { delegateIds: [delegate.id] });
    const other = await makeCaravan(handle.db);
    await makeReport(handle.db, other.id);
    const api = callerFor(handle.db, delegate);
    expect((await api.caravans.get({ caravanId: mine.id })).caravan.access).toBe("full");
    expect((await api.caravans.get({ caravanId: other.id })).caravan.access).toBe("public");
    await expect(api.needs.board()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("reports", () => {
  it("never store a position finer than 0.1°, whatever the input", async () => {
    const { api, group } = await personInGroup(handle.db, "member", { locale: "es" });
    const caravan = await makeCaravan(handle.db);
    // A hundred reports from one person: past the per-person limit on reports, which is not the subject here.
    process.env.PUENTE_RATE_LIMIT_SCALE = "10";
    onTestFinished(() => void delete process.env.PUENTE_RATE_LIMIT_SCALE);
    await fc.assert(
      fc.asyncProperty(
        fc.double({ min: caravanBox.south, max: caravanBox.north, noNaN: true }),
        fc.double({ min: caravanBox.west, max: caravanBox.east, noNaN: true }),
        async (latitude, longitude) => {
          const { id } = await api.caravans.report({
            caravanId: caravan.id,
            groupId: group.id,
            placeName: "Algún lugar",
            latitude,
            longitude,
            headcount: 10,
          });
          const [row] = await handle.db.select().from(caravanReports).where(eq(caravanReports.id, id));
          // Whatever the columns, nothing in the row carries more than tenths of a degree.
          const numbers = Object.values(row!).filter((v): v is number => typeof v === "number");
          for (const n of numbers) expect(Number.isInteger(n)).toBe(true);
          // Every place field is first cut to hundredths (server/places/resolve.ts), then to tenths.
          expect(Math.abs(row!.latitudeTenths / 10 - latitude)).toBeLessThanOrEqual(0.055 + 1e-9);
          expect(Math.abs(row!.longitudeTenths / 10 - longitude)).toBeLessThanOrEqual(0.055 + 1e-9);
        },
      ),
      { numRuns: 100, seed: 20261128 },
    );
    // The reporting group's coordinators see the stored (rounded) positions; everyone else a displaced one.
    const coordinator = await makeUser(handle.db);
    await addMember(handle.db, group.id, coordinator.id, "coordinator");
    const { caravan: seen } = await callerFor(handle.db, coordinator).caravans.get({ caravanId: caravan.id });
    if (seen.access !== "full") throw new Error("expected the full view");
    for (const report of seen.timeline) {
      expect(report.latitude.toString()).toMatch(/^-?\d+(\.\d)?$/);
      expect(report.longitude.toString()).toMatch(/^-?\d+(\.\d)?$/);
    }
  });

  it("are posted by a delegate in Spanish, and confirmed by a second verified group, not the reporter's", async () => {
    const delegate = await makeUser(handle.db, { preferredLanguage: "es" });
    const caravan = await makeCaravan(handle.db, { delegateIds: [delegate.id] });
    const point = await makeMeetingPoint(handle.db, (await makeGroup(handle.db)).id);
    const api = callerFor(handle.db, delegate, "es");
    const { id } = await api.caravans.report({
      caravanId: caravan.id,
      ...oaxaca,
      expectedMeetingPointId: point.id,
      expectedFrom: "2026-12-01",
      expectedUntil: "2026-12-05",
    });
    expect(await refusal(api.caravans.confirm({ reportId: id }))).toMatchObject({
      code: "FORBIDDEN",
      message: "Tú hiciste este reporte: alguien de otro grupo tiene que confirmarlo.",
    });
    const unverified = await personInGroup(handle.db, "member", { verified: false, locale: "es" });
    await expect(unverified.api.caravans.confirm({ reportId: id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const second = await personInGroup(handle.db, "member", { locale: "es" });
    await second.api.caravans.confirm({ reportId: id });
    await expect(second.api.caravans.confirm({ reportId: id })).rejects.toMatchObject({ code: "CONFLICT" });
    const { caravan: seen } = await second.api.caravans.get({ caravanId: caravan.id });
    if (seen.access !== "full") throw new Error("expected the full view");
    expect(seen.timeline[0]).toMatchObject({
      verification: "confirmed",
      confirmedGroupName: second.group.name,
      reporterGroupName: null,
      canConfirm: false,
    });
    expect(kmBetween(seen.timeline[0]!, { latitude: 16.4, longitude: -95 })).toBeLessThanOrEqual(5);
    expect(seen.expectedArrivals).toEqual([
      { meetingPointId: point.id, meetingPointName: point.name, from: "2026-12-01", until: "2026-12-05" },
    ]);
    expect(seen.latestNeeds.map((n) => n.kind).sort()).toEqual(["medical", "water"]);
  });

  it("expect each meeting point once, at the latest report's estimate", async () => {
    const delegate = await makeUser(handle.db);
    const caravan = await makeCaravan(handle.db, { delegateIds: [delegate.id] });
    const plaza = await makeMeetingPoint(handle.db, (await makeGroup(handle.db)).id);
    const parque = await makeMeetingPoint(handle.db, (await makeGroup(handle.db)).id);
    const api = callerFor(handle.db, delegate, "es");
    const expecting = (pointId: string, from: string, until: string) =>
      api.caravans.report({
        caravanId: caravan.id,
        ...oaxaca,
        expectedMeetingPointId: pointId,
        expectedFrom: from,
        expectedUntil: until,
      });
    await expecting(plaza.id, "2026-12-01", "2026-12-05");
    await expecting(parque.id, "2026-12-03", "2026-12-04");
    await expecting(plaza.id, "2026-12-06", "2026-12-08");
    const reader = await personInGroup(handle.db, "member", { locale: "es" });
    const { caravan: seen } = await reader.api.caravans.get({ caravanId: caravan.id });
    if (seen.access !== "full") throw new Error("expected the full view");
    expect(seen.expectedArrivals).toEqual([
      { meetingPointId: plaza.id, meetingPointName: plaza.name, from: "2026-12-06", until: "2026-12-08" },
      { meetingPointId: parque.id, meetingPointName: parque.name, from: "2026-12-03", until: "2026-12-04" },
    ]);
  });

  it("from a group are not confirmed by the same group, but by a coordinator or another group", async () => {
    const caravan = await makeCaravan(handle.db);
    const reporter = await personInGroup(handle.db, "member", { locale: "es" });
    const { id } = await reporter.api.caravans.report({ caravanId: caravan.id, ...oaxaca });
    const colleague = await makeUser(handle.db);
    await addMember(handle.db, reporter.group.id, colleague.id, "organizer");
    await expect(callerFor(handle.db, colleague).caravans.confirm({ reportId: id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const coordinator = await personInGroup(handle.db, "coordinator", { locale: "es" });
    await coordinator.api.caravans.confirm({ reportId: id });
  });

  it.each([
    ["a position outside the map", { latitude: 40.7, longitude: -74 }, "latitude"],
    ["a negative headcount", { headcount: -5 }, "headcount"],
    ["an unknown need", { needs: [{ kind: "weapons", quantity: 1 }] }, "needs.0.kind"],
    ["a need with neither quantity nor note", { needs: [{ kind: "food" }] }, "needs.0.quantity"],
    [
      "an arrival window that ends before it starts",
      {
        expectedMeetingPointId: "00000000-0000-4000-8000-000000000000",
        expectedFrom: "2026-12-05",
        expectedUntil: "2026-12-01",
      },
      "expectedUntil",
    ],
    ["a day that does not exist", { expectedFrom: "2026-02-30" }, "expectedFrom"],
  ])("refuse %s in the reader's language, storing nothing", async (_, change, field) => {
    const delegate = await makeUser(handle.db);
    const caravan = await makeCaravan(handle.db, { delegateIds: [delegate.id] });
    const { code, fieldErrors } = await refusal(
      callerFor(handle.db, delegate, "es").caravans.report({
        caravanId: caravan.id,
        ...oaxaca,
        ...change,
      } as never),
    );
    expect(code).toBe("BAD_REQUEST");
    expect(Object.keys(fieldErrors ?? {})).toContain(field);
    expect(fieldErrors![field]![0]).toMatch(/[a-záéíóúñ]/);
    const [stored] = await handle.db
      .select({ n: count() })
      .from(caravanReports)
      .where(eq(caravanReports.caravanId, caravan.id));
    expect(stored!.n).toBe(0);
  });

  it("are refused for a dispersed caravan", async () => {
    const delegate = await makeUser(handle.db);
    const caravan = await makeCaravan(handle.db, { delegateIds: [delegate.id], status: "dispersed" });
    expect(
      await refusal(
        callerFor(handle.db, delegate, "es").caravans.report({ caravanId: caravan.id, ...oaxaca }),
      ),
    ).toMatchObject({ code: "CONFLICT", message: "Esta caravana se dispersó: ya no recibe reportes." });
    const [stored] = await handle.db
      .select({ n: count() })
      .from(caravanReports)
      .where(eq(caravanReports.caravanId, caravan.id));
    expect(stored!.n).toBe(0);
  });

  it("place positions in broad regions for the public", () => {
    expect(regionOf({ latitude: 14.9, longitude: -92.3 })).toBe("southeast"); // Tapachula
    expect(regionOf({ latitude: 17.1, longitude: -96.7 })).toBe("south"); // Oaxaca
    expect(regionOf({ latitude: 19.4, longitude: -99.1 })).toBe("center"); // Mexico City
    expect(regionOf({ latitude: 20.6, longitude: -100.4 })).toBe("center"); // Querétaro
    expect(regionOf({ latitude: 32.5, longitude: -117 })).toBe("borderWest"); // Tijuana
    expect(regionOf({ latitude: 25.9, longitude: -97.5 })).toBe("borderEast"); // Matamoros
    expect(regionOf({ latitude: 31.7, longitude: -106.5 })).toBe("borderWest"); // Ciudad Juárez
    expect(regionOf({ latitude: 33.0, longitude: -112 })).toBe("us");
  });
});
