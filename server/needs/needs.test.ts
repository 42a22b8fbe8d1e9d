import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { createTestDatabase } from "../../test-support/database";
import { makeCaravan, makeReport, personInGroup } from "../../test-support/factories";

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
