import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { shifts } from "@/db/schema";
import { csvDownload } from "../csv";
import { setUpDatabase } from "../../test-support/setup";
import { callerFor, makeAction, makeUser, personInGroup } from "../../test-support/factories";
import { rosterFile } from "./roster-file";

const database = setUpDatabase();

describe("the roster file", () => {
  it("speaks the reader's language, and Excel reads its accents (a byte-order mark first)", async () => {
    const db = database.db;
    const { group, api } = await personInGroup(db, "organizer", { locale: "es" });
    const { action, shift } = await makeAction(db, group.id, { capacity: 1 });
    await db.update(shifts).set({ role: "Recepción" }).where(eq(shifts.id, shift.id));
    const [first, second] = [
      await makeUser(db, { name: "María José" }),
      await makeUser(db, { name: "Ñoño" }),
    ];
    await callerFor(db, first).actions.signUp({ shiftId: shift.id });
    await callerFor(db, second).actions.signUp({ shiftId: shift.id });
    const { shifts: its } = await api.actions.get({ actionId: action.id });
    const roster = await api.actions.roster({ actionId: action.id });

    expect(rosterFile(its, roster, "es").split("\n").slice(0, 3)).toEqual([
      "Turno,Nombre,Estado,Lugar en la lista de espera,Correo,Teléfono",
      "Recepción,María José,confirmado,,,",
      "Recepción,Ñoño,en lista de espera,1,,",
    ]);
    expect(rosterFile(its, roster, "en").split("\n")[0]).toBe(
      "Shift,Name,Status,Waitlist position,Email,Phone",
    );

    const download = csvDownload(rosterFile(its, roster, "es"), "roster.csv");
    const bytes = new Uint8Array(await download.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder("utf-8", { ignoreBOM: false }).decode(bytes)).toContain("Recepción");
    expect(download.headers.get("cache-control")).toBe("private, no-store");
  });
});
