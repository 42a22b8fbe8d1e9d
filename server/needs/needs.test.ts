import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { createTestDatabase } from "../../test-support/database";
import { callerFor, makeCaravan, makeReport, makeUser, personInGroup } from "../../test-support/factories";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const pledgeOf = (groupId: string, needId: string, quantity: number) => ({
  groupId,
  needId,
  what: "Garrafones de 20 litros",
  quantity,
  byDate: "2026-12-01",
});

describe("the needs board", () => {
  it("shows the needs of each caravan's latest report by place, with what is pledged, until covered", async () => {
    const caravan = await makeCaravan(handle.db, { name: "Caravana del Sur" });
    await makeReport(handle.db, caravan.id, {
      placeName: "Tapachula, Chiapas",
      needs: [{ kind: "food", quantity: 5 }],
    });
    const { needs } = await makeReport(handle.db, caravan.id, {
      placeName: "Juchitán, Oaxaca",
      needs: [
        { kind: "water", quantity: 800, note: "personas" },
        { kind: "legal", note: "asesoría de asilo" },
      ],
    });
    const water = needs.find((n) => n.kind === "water")!;
    const a = await personInGroup(handle.db, "organizer", { locale: "es" });
    const b = await personInGroup(handle.db, "organizer", { locale: "es" });

    const first = await a.api.needs.pledge(pledgeOf(a.group.id, water.id, 500));
    let board = await a.api.needs.board();
    const place = board.places.find((p) => p.placeName === "Juchitán, Oaxaca")!;
    expect(board.places.some((p) => p.placeName === "Tapachula, Chiapas")).toBe(false); // an older report
    expect(place.needs.map((n) => n.kind).sort()).toEqual(["legal", "water"]);
    expect(place.needs.find((n) => n.kind === "water")).toMatchObject({ pledged: 500, covered: false });
    expect(board.pledgingGroups).toEqual([{ id: a.group.id, name: a.group.name }]);

    const second = await b.api.needs.pledge(pledgeOf(b.group.id, water.id, 300));
    board = await b.api.needs.board();
    const covered = board.places.flatMap((p) => p.needs).find((n) => n.id === water.id)!;
    expect(covered).toMatchObject({ pledged: 800, covered: true });
    expect(covered.pledges.map((p) => p.groupName).sort()).toEqual([a.group.name, b.group.name].sort());

    // Withdrawn pledges stop counting; delivered ones still count.
    await a.api.needs.withdrawPledge({ groupId: a.group.id, pledgeId: first.id });
    await b.api.needs.deliverPledge({ groupId: b.group.id, pledgeId: second.id });
    board = await b.api.needs.board();
    expect(board.places.flatMap((p) => p.needs).find((n) => n.id === water.id)).toMatchObject({
      pledged: 300,
      covered: false,
    });
    await expect(
      a.api.needs.withdrawPledge({ groupId: a.group.id, pledgeId: first.id }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: "pledgeNotOpen",
    });
    // One group cannot settle another's pledge, even naming its own group.
    await expect(
      a.api.needs.deliverPledge({ groupId: a.group.id, pledgeId: second.id }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const events = await handle.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.groupId, a.group.id)));
    expect(events.map((e) => e.action).sort()).toEqual(["pledge.create", "pledge.withdraw"]);
  });

  it("is closed to unverified groups, and they cannot pledge", async () => {
    const caravan = await makeCaravan(handle.db);
    const { needs } = await makeReport(handle.db, caravan.id);
    const unverified = await personInGroup(handle.db, "organizer", { verified: false, locale: "es" });
    await expect(unverified.api.needs.board()).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "caravanDataForVerifiedGroups",
    });
    await expect(
      unverified.api.needs.pledge(pledgeOf(unverified.group.id, needs[0]!.id, 10)),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: "groupNotVerifiedToPledge" });
  });

  it("leaves out dispersed caravans", async () => {
    const caravan = await makeCaravan(handle.db, { status: "dispersed" });
    await makeReport(handle.db, caravan.id, { placeName: "Lugar Disperso" });
    const { api } = await personInGroup(handle.db, "organizer", { locale: "es" });
    const board = await api.needs.board();
    expect(board.places.some((p) => p.placeName === "Lugar Disperso")).toBe(false);
  });
});

describe("a caravan's needs across its reports", () => {
  /** A caravan with a delegate, and the delegate's first report through the API. */
  async function caravanReporting(needs: { kind: "water" | "shelter" | "food"; quantity: number }[]) {
    const delegate = await makeUser(handle.db, { preferredLanguage: "es" });
    const caravan = await makeCaravan(handle.db, { delegateIds: [delegate.id] });
    const api = callerFor(handle.db, delegate);
    const report = (place: string, reported: typeof needs) =>
      api.caravans.report({
        caravanId: caravan.id,
        placeName: place,
        latitude: 16.4,
        longitude: -95,
        headcount: 1750,
        needs: reported.map((n) => ({ ...n, note: "" })),
      });
    await report("Juchitán, Oaxaca", needs);
    return { caravan, report };
  }
  const needOn = async (
    api: Awaited<ReturnType<typeof personInGroup>>["api"],
    caravanId: string,
    kind: string,
  ) =>
    (await api.needs.board()).places
      .flatMap((p) => p.needs)
      .find((n) => n.caravanId === caravanId && n.kind === kind);

  it("keeps pledges and deliveries on the need when the caravan files a new report", async () => {
    const { caravan, report } = await caravanReporting([
      { kind: "water", quantity: 1500 },
      { kind: "shelter", quantity: 800 },
    ]);
    const church = await personInGroup(handle.db, "organizer", { locale: "es" });
    const water = (await needOn(church.api, caravan.id, "water"))!;
    const shelter = (await needOn(church.api, caravan.id, "shelter"))!;
    await church.api.needs.pledge(pledgeOf(church.group.id, water.id, 1200));
    const beds = await church.api.needs.pledge({
      ...pledgeOf(church.group.id, shelter.id, 600),
      what: "Catres",
    });
    await church.api.needs.deliverPledge({ groupId: church.group.id, pledgeId: beds.id });

    await report("Matías Romero, Oaxaca", [
      { kind: "water", quantity: 1750 },
      { kind: "shelter", quantity: 300 },
    ]);
    const waterNow = await needOn(church.api, caravan.id, "water");
    const shelterNow = await needOn(church.api, caravan.id, "shelter");
    expect(waterNow).toMatchObject({ quantity: 1750, pledged: 1200, covered: false });
    expect(waterNow!.pledges.map((p) => p.groupName)).toEqual([church.group.name]);
    expect(shelterNow).toMatchObject({ quantity: 300, pledged: 600, covered: true });
    expect(shelterNow!.pledges).toHaveLength(1);
    // The promise still falls due on the group's home.
    const due = await church.api.home.mine();
    // The home's link leads to the need on the board as it stands now.
    expect(due.pledges.find((p) => p.quantity === 1200)).toMatchObject({ needId: waterNow!.id });
  });

  it("puts a pledge made from a page older than the latest report on the caravan's current need", async () => {
    const { caravan, report } = await caravanReporting([{ kind: "water", quantity: 900 }]);
    const church = await personInGroup(handle.db, "organizer", { locale: "es" });
    const stale = (await needOn(church.api, caravan.id, "water"))!;
    await report("Matías Romero, Oaxaca", [
      { kind: "water", quantity: 1000 },
      { kind: "food", quantity: 500 },
    ]);
    await church.api.needs.pledge(pledgeOf(church.group.id, stale.id, 400));
    expect(await needOn(church.api, caravan.id, "water")).toMatchObject({ quantity: 1000, pledged: 400 });
  });

  it("refuses a pledge for a need the caravan no longer reports, saying so", async () => {
    const { caravan, report } = await caravanReporting([{ kind: "food", quantity: 300 }]);
    const church = await personInGroup(handle.db, "organizer", { locale: "es" });
    const food = (await needOn(church.api, caravan.id, "food"))!;
    await report("Matías Romero, Oaxaca", [{ kind: "water", quantity: 1000 }]);
    await expect(church.api.needs.pledge(pledgeOf(church.group.id, food.id, 100))).rejects.toMatchObject({
      code: "CONFLICT",
      message: "needNoLongerReported",
    });
  });
});
