import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { createTestDatabase } from "../../test-support/database";
import {
  addMember,
  callerFor,
  makeCaravan,
  makeGroup,
  makeReport,
  makeUser,
} from "../../test-support/factories";
import { kmBetween } from "./protection";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

describe("the HXL export", () => {
  it("gives coordinators of verified groups every recent report with HXL tags, displaced positions, no people, on the record", async () => {
    const group = await makeGroup(handle.db);
    const coordinator = await makeUser(handle.db);
    await addMember(handle.db, group.id, coordinator.id, "coordinator");
    const reporter = await makeUser(handle.db, { name: "Reportera Privada" });
    const caravan = await makeCaravan(handle.db, { name: "Caravana HXL" });
    await makeReport(handle.db, caravan.id, {
      reportedBy: reporter.id,
      reporterGroupId: group.id,
      latitudeTenths: 171,
      longitudeTenths: -967,
      headcount: 640,
    });

    const csv = await callerFor(handle.db, coordinator).caravans.exportHxl();
    const [header, tags, ...rows] = parse(csv) as string[][];
    expect(header).toContain("People");
    expect(tags!.every((tag) => tag.startsWith("#"))).toBe(true);
    expect(tags).toEqual(
      expect.arrayContaining([
        "#date+reported",
        "#adm1+name",
        "#loc+name",
        "#geo+lat",
        "#geo+lon",
        "#affected+displaced",
        "#need",
      ]),
    );
    const row = rows.find((r) => r[0] === "Caravana HXL")!;
    const at = (tag: string) => row[tags!.indexOf(tag)]!;
    expect(at("#affected+displaced")).toBe("640");
    expect(at("#need")).toContain("water");
    const shown = { latitude: Number(at("#geo+lat")), longitude: Number(at("#geo+lon")) };
    expect(shown).not.toEqual({ latitude: 17.1, longitude: -96.7 });
    expect(kmBetween(shown, { latitude: 17.1, longitude: -96.7 })).toBeLessThanOrEqual(5);
    expect(csv).not.toContain("Reportera Privada");
    expect(csv).not.toContain(group.name);

    const audited = await handle.db
      .select({ actorId: auditEvents.actorId })
      .from(auditEvents)
      .where(eq(auditEvents.action, "caravan.export_hxl"));
    expect(audited).toEqual([{ actorId: coordinator.id }]);
  });

  it("is refused to members who do not coordinate, and to coordinators of unverified groups", async () => {
    const group = await makeGroup(handle.db);
    const member = await makeUser(handle.db);
    await addMember(handle.db, group.id, member.id, "member");
    await expect(callerFor(handle.db, member).caravans.exportHxl()).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const unverified = await makeGroup(handle.db, { verified: false });
    const coordinator = await makeUser(handle.db);
    await addMember(handle.db, unverified.id, coordinator.id, "coordinator");
    await expect(callerFor(handle.db, coordinator).caravans.exportHxl()).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
