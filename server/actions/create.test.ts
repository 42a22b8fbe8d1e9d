import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { actions, shifts } from "@/db/schema";
import { setUpDatabase } from "../../test-support/setup";
import { callerFor, makeTeam, refusal } from "../../test-support/factories";
import type { ActionDetailsInput } from "./inputs";

const handle = setUpDatabase();

const details: ActionDetailsInput = {
  title: "Recepción en El Chaparral",
  kind: "welcome",
  description: "",
  placeName: "El Chaparral, Tijuana",
  exactLocation: "",
  timeZone: "America/Tijuana",
  startDate: "2030-01-10",
  startTime: "07:00",
  endDate: "2030-01-10",
  endTime: "15:00",
  visibility: "public",
};

describe("creating an action", () => {
  it("can name its first shift in the same step, spanning the action, so people sign up at once", async () => {
    const team = await makeTeam(handle.db);
    const organizer = callerFor(handle.db, team.organizer, "es");
    const { id } = await organizer.actions.create({
      groupId: team.group.id,
      details,
      firstShift: { role: "Mesa de bienvenida", capacity: 12 },
    });
    const action = await organizer.actions.get({ actionId: id });
    expect(action.shifts).toHaveLength(1);
    expect(action.shifts[0]).toMatchObject({
      role: "Mesa de bienvenida",
      capacity: 12,
      startsAt: action.startsAt,
      endsAt: action.endsAt,
    });
    await callerFor(handle.db, team.member).actions.signUp({ shiftId: action.shifts[0]!.id });
  });

  it("creates none without one, and refuses a bad one per field, storing nothing", async () => {
    const team = await makeTeam(handle.db);
    const organizer = callerFor(handle.db, team.organizer, "es");
    const { id } = await organizer.actions.create({ groupId: team.group.id, details });
    expect((await organizer.actions.get({ actionId: id })).shifts).toEqual([]);

    const title = "Sin turno válido";
    const refused = await refusal(
      organizer.actions.create({
        groupId: team.group.id,
        details: { ...details, title },
        firstShift: { role: "x", capacity: 0 },
      }),
    );
    expect(refused.code).toBe("BAD_REQUEST");
    expect(Object.keys(refused.fieldErrors ?? {}).sort()).toEqual(["firstShift.capacity", "firstShift.role"]);
    expect(await handle.db.select().from(actions).where(eq(actions.title, title))).toEqual([]);
    expect(await handle.db.select().from(shifts).where(eq(shifts.role, "x"))).toEqual([]);
  });
});
