// Free text with control characters or lone surrogates, sent as an attacker would: each is refused
// as bad input on the field that holds it, in the reader's language, and nothing is stored.
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { actions, groups, meetingPointComments, messages, stories } from "@/db/schema";
import { createTestDatabase } from "../test-support/database";
import {
  addMember,
  callerFor,
  makeCaravan,
  makeGroup,
  makeMeetingPoint,
  makeMessage,
  makeUser,
  refusal,
} from "../test-support/factories";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const rows = async (table: typeof stories | typeof actions | typeof messages | typeof groups) =>
  (await handle.db.select({ n: count() }).from(table))[0]!.n;

/** What each free-text field must refuse: NUL, other C0 and C1 controls, DEL, lone surrogates. */
const hostile = ["\u0000", "\u0007", "\u001b[31m", "\u007f", "\u0085", "\ud800", "\udfff"];

describe("free text with control characters", () => {
  for (const bad of hostile) {
    const name = JSON.stringify(bad);

    it(`refuses ${name} in an anonymous story, per field, storing nothing`, async () => {
      const before = await rows(stories);
      const answer = await refusal(
        callerFor(handle.db, null, "es").stories.submit({
          pseudonym: "Doña Luz",
          country: "HN",
          textEs: `Salimos de San Pedro Sula${bad} con mis hijos.`,
          consent: true,
        }),
        "es",
      );
      expect(answer.code).toBe("BAD_REQUEST");
      expect(answer.fieldErrors).toEqual({
        textEs: ["Contiene caracteres de control invisibles que no se pueden guardar: vuelve a escribirlo."],
      });
      expect(await rows(stories)).toBe(before);
    });

    it(`refuses ${name} in a new action's description`, async () => {
      const group = await makeGroup(handle.db);
      const organizer = await makeUser(handle.db);
      await addMember(handle.db, group.id, organizer.id, "organizer");
      const before = await rows(actions);
      const answer = await refusal(
        callerFor(handle.db, organizer, "en").actions.create({
          groupId: group.id,
          details: {
            title: "Welcome at San Ysidro",
            kind: "welcome",
            description: `Bring water${bad}`,
            placeName: "San Ysidro",
            exactLocation: "",
            timeZone: "America/Tijuana",
            visibility: "public",
            startDate: "2030-01-10",
            startTime: "09:00",
            endDate: "2030-01-10",
            endTime: "12:00",
          },
        }),
        "en",
      );
      expect(answer.code).toBe("BAD_REQUEST");
      expect(answer.fieldErrors).toEqual({
        "details.description": [
          "Contains invisible control characters that cannot be saved: please retype it.",
        ],
      });
      expect(await rows(actions)).toBe(before);
    });

    it(`refuses ${name} in a message's body`, async () => {
      const group = await makeGroup(handle.db);
      const coordinator = await makeUser(handle.db);
      await addMember(handle.db, group.id, coordinator.id, "coordinator");
      const before = await rows(messages);
      const answer = await refusal(
        callerFor(handle.db, coordinator, "en").messages.send({
          audience: [{ kind: "group", groupId: group.id, roles: ["coordinator"] }],
          subjectEs: "Agua",
          bodyEs: `Llegan mañana${bad}`,
        }),
        "en",
      );
      expect(answer.code).toBe("BAD_REQUEST");
      expect(answer.fieldErrors).toEqual({
        bodyEs: ["Contains invisible control characters that cannot be saved: please retype it."],
      });
      expect(await rows(messages)).toBe(before);
    });

    it(`refuses ${name} in a comment on a meeting point`, async () => {
      const group = await makeGroup(handle.db);
      const point = await makeMeetingPoint(handle.db, group.id);
      const person = await makeUser(handle.db);
      const answer = await refusal(
        callerFor(handle.db, person, "es").meetingPoints.comment({
          meetingPointId: point.id,
          body: `Hay sombra${bad} y agua`,
        }),
        "es",
      );
      expect(answer.code).toBe("BAD_REQUEST");
      expect(answer.fieldErrors).toEqual({
        body: ["Contiene caracteres de control invisibles que no se pueden guardar: vuelve a escribirlo."],
      });
      const comments = await handle.db
        .select({ n: count() })
        .from(meetingPointComments)
        .where(eq(meetingPointComments.meetingPointId, point.id));
      expect(comments[0]!.n).toBe(0);
    });

    it(`refuses ${name} in a new group's name`, async () => {
      const before = await rows(groups);
      const answer = await refusal(
        callerFor(handle.db, await makeUser(handle.db), "en").groups.create({
          name: `Casa${bad} del Migrante`,
          kind: "shelter",
          country: "MX",
          city: "Tijuana",
          region: "Baja California",
          descriptionEs: "",
          descriptionEn: "",
          contact: "",
        }),
        "en",
      );
      expect(answer.code).toBe("BAD_REQUEST");
      expect(answer.fieldErrors).toEqual({
        name: ["Contains invisible control characters that cannot be saved: please retype it."],
      });
      expect(await rows(groups)).toBe(before);
    });
  }

  it("keeps newlines and tabs, and stores a form's CRLF as LF", async () => {
    const group = await makeGroup(handle.db);
    const point = await makeMeetingPoint(handle.db, group.id);
    const person = await makeUser(handle.db);
    const { id } = await callerFor(handle.db, person).meetingPoints.comment({
      meetingPointId: point.id,
      body: "Sombra:\r\n\tsí\r\nAgua: 🌵 no",
    });
    const [stored] = await handle.db
      .select({ body: meetingPointComments.body })
      .from(meetingPointComments)
      .where(eq(meetingPointComments.id, id));
    expect(stored!.body).toBe("Sombra:\n\tsí\nAgua: 🌵 no");
  });

  it("refuses a person's id with a control character as bad input, where it was a query error", async () => {
    const admin = await makeUser(handle.db, { isAdmin: true });
    const other = await makeUser(handle.db);
    const group = await makeGroup(handle.db);
    await addMember(handle.db, group.id, admin.id, "coordinator");
    await addMember(handle.db, group.id, other.id, "coordinator");
    const caravan = await makeCaravan(handle.db, { delegateIds: [admin.id] });
    const message = await makeMessage(handle.db, admin, [
      { kind: "group", groupId: group.id, roles: ["coordinator"] },
    ]);
    const api = callerFor(handle.db, admin);
    const forged = `${other.id}\u0000`;
    // One call at a time: a call started before the previous one is awaited rejects unobserved.
    for (const call of [
      () => api.audit.list({ actorId: forged }),
      () => api.groups.removeMember({ groupId: group.id, userId: forged }),
      () => api.caravans.removeDelegate({ caravanId: caravan.id, userId: forged }),
      () => api.messages.reply({ messageId: message.id, body: "Gracias", threadUserId: forged }),
    ]) {
      expect((await refusal(call())).code).toBe("BAD_REQUEST");
    }
  });
});
