import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { createTestDatabase } from "../../test-support/database";
import { callerFor, makeUser } from "../../test-support/factories";
import { explainError } from "../errors";
import { sessionOfToken } from "../sessions";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

describe("the zone a person reads times in (issue 18)", () => {
  it("is saved on /me, reaches the session the pages read, and goes back to the device's", async () => {
    const me = await makeUser(handle.db);
    const api = callerFor(handle.db, me);
    expect(await api.me.timeZone()).toEqual({ timeZone: null });
    expect(await api.me.setTimeZone({ timeZone: "America/Mexico_City" })).toEqual({
      timeZone: "America/Mexico_City",
    });
    await handle.db.insert(sessions).values({
      sessionToken: "zone-token",
      userId: me.id,
      expires: new Date(Date.now() + 29.5 * 86_400_000),
    });
    expect(await sessionOfToken(handle.db, "zone-token")).toMatchObject({
      user: { id: me.id, timeZone: "America/Mexico_City" },
    });
    await api.me.setTimeZone({ timeZone: null });
    expect(await api.me.timeZone()).toEqual({ timeZone: null });
  });

  it("refuses a zone off the list with a typed error in the person's language, and changes nothing", async () => {
    const me = await makeUser(handle.db);
    const api = callerFor(handle.db, me);
    await api.me.setTimeZone({ timeZone: "America/Tijuana" });
    for (const hostile of ["Mars/Olympus_Mons", "GMT-8", "<script>alert(1)</script>", "", "Europe/Madrid"]) {
      const error = await api.me.setTimeZone({ timeZone: hostile as never }).catch((e: unknown) => e);
      expect(error, hostile).toMatchObject({ code: "BAD_REQUEST" });
      const { message, fieldErrors } = explainError(error as never, "es");
      expect(message).toBe("Hay que corregir algo de lo que escribiste.");
      expect(fieldErrors?.timeZone).toEqual(["Elige una de las opciones."]);
      expect(JSON.stringify({ message, fieldErrors })).not.toContain(hostile || "\u0000");
    }
    const [row] = await handle.db.select({ timeZone: users.timeZone }).from(users).where(eq(users.id, me.id));
    expect(row?.timeZone).toBe("America/Tijuana");
  });

  it("is refused to someone who is not signed in", async () => {
    await expect(callerFor(handle.db, null).me.setTimeZone({ timeZone: null })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});
