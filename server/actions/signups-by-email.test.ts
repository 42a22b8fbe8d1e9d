// Asking for a place with a name and an email, before having an account: through the API as a
// signed-out visitor, and the place taken when that person first signs in.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { signupIntents, signups } from "@/db/schema";
import { explainError } from "../errors";
import { createTestDatabase } from "../../test-support/database";
import { addMember, callerFor, makeAction, makeGroup, makeUser } from "../../test-support/factories";
import { completeSignupIntents } from "./signups";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const unique = () => Math.random().toString(36).slice(2, 10);

async function intentsFor(email: string) {
  return handle.db.select().from(signupIntents).where(eq(signupIntents.email, email));
}

describe("signing up by email", () => {
  it("keeps the request, and takes the place when the person signs in with that address", async () => {
    const group = await makeGroup(handle.db);
    const { shift } = await makeAction(handle.db, group.id, { capacity: 3 });
    const email = `ana-${unique()}@example.org`;
    await callerFor(handle.db, null).actions.signUpByEmail({
      shiftId: shift.id,
      name: "Ana",
      email: email.toUpperCase(),
    });
    expect(await intentsFor(email)).toHaveLength(1);
    expect(await handle.db.select().from(signups).where(eq(signups.shiftId, shift.id))).toEqual([]);

    const ana = await makeUser(handle.db, { email, name: null });
    const done = await completeSignupIntents(handle.db, ana);
    expect(done.map((s) => s.status)).toEqual(["confirmed"]);
    expect(await intentsFor(email)).toEqual([]);
  });

  it("does not exist for a members-only action, refuses a cancelled one in the reader's language, and keeps nothing", async () => {
    const group = await makeGroup(handle.db);
    const coordinator = await makeUser(handle.db);
    await addMember(handle.db, group.id, coordinator.id, "coordinator");
    const hidden = await makeAction(handle.db, group.id, {
      visibility: "members",
    });
    const { action, shift } = await makeAction(handle.db, group.id);
    await callerFor(handle.db, coordinator).actions.cancel({
      actionId: action.id,
    });
    const email = `bea-${unique()}@example.org`;
    const visitor = callerFor(handle.db, null, "es");
    await expect(
      visitor.actions.signUpByEmail({
        shiftId: hidden.shift.id,
        name: "Bea",
        email,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const refusal = await visitor.actions
      .signUpByEmail({ shiftId: shift.id, name: "Bea", email })
      .catch((e) => e);
    expect(refusal).toMatchObject({ code: "CONFLICT" });
    expect(explainError(refusal, "es").message).toBe(
      "Esta acción está cancelada: ya no se puede cambiar nada.",
    );
    await expect(
      visitor.actions.signUpByEmail({
        shiftId: shift.id,
        name: "",
        email: "nope",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await intentsFor(email)).toEqual([]);
  });

  it("takes no place on an action cancelled between the request and the sign-in", async () => {
    const group = await makeGroup(handle.db);
    const coordinator = await makeUser(handle.db);
    await addMember(handle.db, group.id, coordinator.id, "coordinator");
    const { action, shift } = await makeAction(handle.db, group.id);
    const email = `caro-${unique()}@example.org`;
    await callerFor(handle.db, null).actions.signUpByEmail({
      shiftId: shift.id,
      name: "Caro",
      email,
    });
    await callerFor(handle.db, coordinator).actions.cancel({
      actionId: action.id,
    });

    const caro = await makeUser(handle.db, { email });
    expect(await completeSignupIntents(handle.db, caro)).toEqual([]);
    expect(await handle.db.select().from(signups).where(eq(signups.shiftId, shift.id))).toEqual([]);
  });

  it("is limited like a sign-in link: a sixth request for one address from one client within 15 minutes is refused", async () => {
    const group = await makeGroup(handle.db);
    const { shift } = await makeAction(handle.db, group.id);
    const email = `dora-${unique()}@example.org`;
    const visitor = callerFor(handle.db, null, "en", `client-${unique()}`);
    for (let i = 0; i < 5; i++) {
      await visitor.actions.signUpByEmail({
        shiftId: shift.id,
        name: "Dora",
        email,
      });
    }
    await expect(
      visitor.actions.signUpByEmail({ shiftId: shift.id, name: "Dora", email }),
    ).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
    });
    expect(await intentsFor(email)).toHaveLength(5);
    // Someone flooding her address from elsewhere does not stop her own device.
    await callerFor(handle.db, null, "en", `client-${unique()}`).actions.signUpByEmail({
      shiftId: shift.id,
      name: "Dora",
      email,
    });
  });
});
