// The caravans' voice: a delegate starts a conversation with the coordinators of every verified
// group (the caravan line) or with one group's, and the replies come back both ways. Tried also
// by those who must not speak for a caravan. Through the API, on the real database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createTestDatabase } from "../../test-support/database";
import { addMember, callerFor, makeCaravan, makeUser, personInGroup } from "../../test-support/factories";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const words = { subjectEs: "Llegamos el martes", bodyEs: "Somos 900, necesitamos agua y un lugar seguro." };

async function caravanWithDelegate() {
  const delegate = await makeUser(handle.db);
  const caravan = await makeCaravan(handle.db, { delegateIds: [delegate.id] });
  return { delegate, caravan, api: callerFor(handle.db, delegate) };
}

const inboxOf = async (person: Parameters<typeof callerFor>[1]) =>
  (await callerFor(handle.db, person).messages.inbox({})).messages.map((m) => m.subjectEs);

describe("a caravan delegate", () => {
  it("writes to the caravan line: every verified group's coordinators, urgent, and hears back in a thread", async () => {
    const db = handle.db;
    const { caravan, delegate, api } = await caravanWithDelegate();
    const one = await personInGroup(db, "coordinator");
    const two = await personInGroup(db, "coordinator");
    const member = await makeUser(db);
    await addMember(db, one.group.id, member.id, "member");
    const unverified = await personInGroup(db, "coordinator", { verified: false });

    const sent = await api.messages.send({
      audience: [{ kind: "caravanLine", caravanId: caravan.id }],
      ...words,
      urgent: true,
    });
    expect(sent.recipients).toBeGreaterThanOrEqual(2);
    expect(await inboxOf(one.person)).toContain(words.subjectEs);
    expect(await inboxOf(two.person)).toContain(words.subjectEs);
    expect(await inboxOf(member)).not.toContain(words.subjectEs);
    expect(await inboxOf(unverified.person)).not.toContain(words.subjectEs);

    await one.api.messages.reply({ messageId: sent.id, body: "Los esperamos con agua en la plaza." });
    const asDelegate = await api.messages.get({ messageId: sent.id });
    expect(asDelegate.urgent).toBe(true);
    expect(asDelegate.replies.map((r) => r.body)).toEqual(["Los esperamos con agua en la plaza."]);
    await api.messages.reply({
      messageId: sent.id,
      threadUserId: one.person.id,
      body: "Gracias, llegamos al mediodía.",
    });
    const asCoordinator = await one.api.messages.get({ messageId: sent.id });
    expect(asCoordinator.replies.map((r) => r.body)).toEqual([
      "Los esperamos con agua en la plaza.",
      "Gracias, llegamos al mediodía.",
    ]);
    // The other group's coordinator sees the message, not another group's thread.
    const asOther = await two.api.messages.get({ messageId: sent.id });
    expect(asOther.replies).toEqual([]);
    expect(delegate.id).toBeTruthy();
  });

  it("writes to one verified group's coordinators, and to no unverified group", async () => {
    const db = handle.db;
    const { caravan, api } = await caravanWithDelegate();
    const chosen = await personInGroup(db, "coordinator");
    const organizer = await makeUser(db);
    await addMember(db, chosen.group.id, organizer.id, "organizer");
    const other = await personInGroup(db, "coordinator");
    const subjectEs = `Para ${chosen.group.name}`;
    await api.messages.send({
      audience: [{ kind: "groupCoordinators", caravanId: caravan.id, groupId: chosen.group.id }],
      subjectEs,
      bodyEs: words.bodyEs,
    });
    expect(await inboxOf(chosen.person)).toContain(subjectEs);
    expect(await inboxOf(organizer)).not.toContain(subjectEs);
    expect(await inboxOf(other.person)).not.toContain(subjectEs);

    const unverified = await personInGroup(db, "coordinator", { verified: false });
    await expect(
      api.messages.send({
        audience: [{ kind: "groupCoordinators", caravanId: caravan.id, groupId: unverified.group.id }],
        ...words,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("is the only one who speaks for their caravan: not a stranger, a coordinator, or another caravan's delegate", async () => {
    const db = handle.db;
    const { caravan } = await caravanWithDelegate();
    const otherDelegate = (await caravanWithDelegate()).delegate;
    const coordinator = (await personInGroup(db, "coordinator")).person;
    for (const impostor of [await makeUser(db), coordinator, otherDelegate]) {
      await expect(
        callerFor(db, impostor).messages.send({
          audience: [{ kind: "caravanLine", caravanId: caravan.id }],
          ...words,
        }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(
        callerFor(db, impostor).messages.count({
          audience: [{ kind: "caravanLine", caravanId: caravan.id }],
        }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("is offered the caravan line and the verified groups when composing", async () => {
    const db = handle.db;
    const { caravan, api } = await caravanWithDelegate();
    const group = await personInGroup(db, "coordinator");
    const choices = await api.messages.audienceChoices();
    expect(choices.speaksFor).toEqual([{ id: caravan.id, name: caravan.name }]);
    expect(choices.lineGroups.map((g) => g.id)).toContain(group.group.id);
  });

  it("is rate limited like every sender", async () => {
    const { caravan, api } = await caravanWithDelegate();
    await personInGroup(handle.db, "coordinator");
    const send = () =>
      api.messages.send({ audience: [{ kind: "caravanLine", caravanId: caravan.id }], ...words });
    let refused: unknown = null;
    for (let i = 0; i < 60 && !refused; i++) {
      try {
        await send();
      } catch (error) {
        refused = error;
      }
    }
    expect(refused).toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });
});
