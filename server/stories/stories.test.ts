import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, stories } from "@/db/schema";
import { addMember, callerFor, makeGroup, makeStory, makeUser, refusal } from "../../test-support/factories";
import { setUpDatabase, setUpMailbox } from "../../test-support/setup";
import type { SubmitStoryInput } from "./inputs";
import { hashWithdrawToken } from "./stories";
import { groupedCode } from "./withdrawal-code";

const handle = setUpDatabase();
const mailbox = setUpMailbox();

const story = (overrides: Partial<SubmitStoryInput> = {}): SubmitStoryInput => ({
  pseudonym: "Doña Luz",
  country: "HN",
  ageRange: "35_49",
  caravanName: "Caravana Madre",
  textEs: "Salimos de San Pedro Sula con mis dos hijos porque ya no podíamos vivir con miedo.",
  textEn: "",
  consent: true,
  ...overrides,
});

/** A reviewer: a coordinator of a verified group whom an admin made a reviewer. */
async function reviewer() {
  const group = await makeGroup(handle.db, { verified: true });
  const person = await makeUser(handle.db, { reviewer: true });
  await addMember(handle.db, group.id, person.id, "coordinator");
  return person;
}

async function submitted(overrides: Partial<SubmitStoryInput> = {}) {
  const { token } = await callerFor(handle.db, null, "es").stories.submit(story(overrides));
  const [row] = await handle.db
    .select({ id: stories.id })
    .from(stories)
    .where(eq(stories.withdrawTokenHash, hashWithdrawToken(token)));
  return { token, id: row!.id };
}

const PUBLIC_FIELDS = [
  "ageRange",
  "caravanName",
  "country",
  "id",
  "publishedAt",
  "pseudonym",
  "textEn",
  "textEs",
  "translatedInto",
].sort();

describe("telling a story", () => {
  it("stores it for review with the consent recorded, and emails the withdrawal link without keeping the address", async () => {
    const api = callerFor(handle.db, null, "es");
    const { token, emailed } = await api.stories.submit(
      story({ pseudonym: "Consentida", email: "Luz.Teller@Example.org" }),
    );
    expect(emailed).toBe(true);
    const email = await mailbox.waitFor("luz.teller@example.org");
    expect(email.text).toContain("Gracias por compartir tu historia");
    expect(email.text).toContain(`http://puente.test/stories/withdraw/${token}`);

    const [row] = await handle.db.select().from(stories).where(eq(stories.pseudonym, "Consentida"));
    expect(row).toMatchObject({
      status: "submitted",
      consentLocale: "es",
      consentVersion: expect.any(String),
    });
    expect(row!.consentedAt).toBeInstanceOf(Date);
    expect(row!.withdrawTokenHash).not.toContain(token);
    expect(JSON.stringify(row).toLowerCase()).not.toContain("luz.teller");
    // Not public until a reviewer publishes it.
    const { stories: published } = await api.stories.list();
    expect(published.map((s) => s.pseudonym)).not.toContain("Consentida");
  });

  it("takes stories from Venezuela, Haiti and Cuba, whose people travel in the caravans too", async () => {
    const api = callerFor(handle.db, null, "es", "client-countries");
    for (const country of ["VE", "HT", "CU"] as const) {
      await api.stories.submit(story({ pseudonym: `Viajera ${country}`, country }));
    }
    const stored = await handle.db.select({ country: stories.country }).from(stories);
    expect(stored.map((s) => s.country)).toEqual(expect.arrayContaining(["VE", "HT", "CU"]));
  });

  it("refuses a story without consent, without text, or too long, and stores nothing", async () => {
    const api = callerFor(handle.db, null);
    const attempts = [
      story({ pseudonym: "Sin Permiso", consent: false }),
      story({ pseudonym: "Sin Permiso", textEs: "   ", textEn: "" }),
      story({ pseudonym: "Sin Permiso", textEs: "x".repeat(8001) }),
      story({ pseudonym: "S" }),
      story({ pseudonym: "Sin Permiso", email: "not-an-email" }),
    ];
    const messages: string[] = [];
    for (const input of attempts) {
      const error = await api.stories.submit(input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code).toBe("BAD_REQUEST");
      messages.push((error as TRPCError).message);
    }
    expect(messages.slice(0, 2)).toEqual(["storyConsentRequired", "storyTextRequired"]);
    expect(await handle.db.select().from(stories).where(eq(stories.pseudonym, "Sin Permiso"))).toEqual([]);
  });

  it("limits one address to five stories an hour, and says how long to wait", async () => {
    const address = "client-bulk-sender";
    const api = callerFor(handle.db, null, "en", address);
    for (let i = 0; i < 5; i++) await api.stories.submit(story({ pseudonym: `Bulk ${i}` }));
    const error = (await api.stories
      .submit(story({ pseudonym: "Bulk 6" }))
      .catch((e: unknown) => e)) as TRPCError;
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(error.message).toBe("tooManyRequests");
    expect(await handle.db.select().from(stories).where(eq(stories.pseudonym, "Bulk 6"))).toEqual([]);
    // Someone else, from another address, is not held back.
    await expect(
      callerFor(handle.db, null).stories.submit(story({ pseudonym: "Other" })),
    ).resolves.toBeTruthy();
  });
});

describe("reviewing and reading stories", () => {
  it("publishes the edited text with an added translation, deletes the original, and audits it", async () => {
    const { id } = await submitted({
      pseudonym: "Marta R",
      textEs: "Me llamo Marta Ramírez López y vengo de Choloma.",
    });
    const coordinator = await reviewer();
    const review = callerFor(handle.db, coordinator);
    const queued = (await review.stories.queue()).find((s) => s.id === id)!;
    expect(queued.originalEs).toBe("Me llamo Marta Ramírez López y vengo de Choloma.");

    await review.stories.publish({
      storyId: id,
      pseudonym: "Marta",
      caravanName: "Caravana Madre",
      textEs: "Me llamo Marta y vengo de Honduras.",
      textEn: "My name is Marta and I come from Honduras.",
    });

    const [row] = await handle.db.select().from(stories).where(eq(stories.id, id));
    expect(row).toMatchObject({
      status: "published",
      originalEs: null,
      originalEn: null,
      translatedInto: "en",
    });
    const reader = callerFor(handle.db, null, "en");
    const shown = await reader.stories.byId({ storyId: id });
    expect(shown).toMatchObject({
      pseudonym: "Marta",
      textEn: "My name is Marta and I come from Honduras.",
      translatedInto: "en",
    });
    expect((await reader.stories.list()).stories[0]!.id).toBe(id);
    const [audit] = await handle.db.select().from(auditEvents).where(eq(auditEvents.subjectId, id));
    expect(audit).toMatchObject({ action: "story.publish", actorId: coordinator.id });
    // Published once: it cannot be published or declined again.
    await expect(review.stories.decline({ storyId: id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("shows the public only pseudonym, country, age range, caravan, texts and date: never the original, an email or a reviewer", async () => {
    const { id } = await submitted({
      pseudonym: "Solo Esto",
      email: "secret-teller@example.org",
      textEs: "El original con el nombre completo Juan Pérez.",
    });
    const coordinator = await reviewer();
    await callerFor(handle.db, coordinator).stories.publish({
      storyId: id,
      pseudonym: "Solo Esto",
      caravanName: "",
      textEs: "El texto sin nombres.",
      textEn: "",
    });
    const reader = callerFor(handle.db, null);
    const responses = [await reader.stories.byId({ storyId: id }), ...(await reader.stories.list()).stories];
    for (const response of responses) expect(Object.keys(response).sort()).toEqual(PUBLIC_FIELDS);
    const everything = JSON.stringify(responses);
    expect(everything).not.toContain("secret-teller");
    expect(everything).not.toContain("Juan Pérez");
    expect(everything).not.toContain(coordinator.id);
    expect(everything).not.toMatch(/consent|withdraw|reviewed|original/i);
  });

  it("keeps HTML and script in a story as plain text", async () => {
    const text = '<script>alert("x")</script><img src=x onerror=alert(1)> <b>fuerza</b>';
    const { id } = await submitted({ pseudonym: "Etiquetas", textEs: text });
    await callerFor(handle.db, await reviewer()).stories.publish({
      storyId: id,
      pseudonym: "Etiquetas",
      caravanName: "",
      textEs: text,
      textEn: "",
    });
    expect((await callerFor(handle.db, null).stories.byId({ storyId: id })).textEs).toBe(text);
  });

  it("never renders stored text as HTML anywhere in the app", async () => {
    const appDir = path.resolve(import.meta.dirname, "../../app");
    const files = (await readdir(appDir, { recursive: true })).filter((f) => /\.tsx?$/.test(f));
    for (const file of files) {
      expect(await readFile(path.join(appDir, file), "utf8"), file).not.toContain("dangerouslySetInnerHTML");
    }
  });

  it("declining deletes what the story said and keeps it off every public page", async () => {
    const { id } = await submitted({ pseudonym: "Rechazada" });
    const coordinator = await reviewer();
    await callerFor(handle.db, coordinator).stories.decline({ storyId: id });
    const [row] = await handle.db.select().from(stories).where(eq(stories.id, id));
    expect(row).toMatchObject({ status: "declined", pseudonym: "", textEs: null, originalEs: null });
    await expect(callerFor(handle.db, null).stories.byId({ storyId: id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("declining erases exactly what withdrawing erases, the added-translation mark too", async () => {
    // A story in the queue that already carries a translation mark (as a story sent back to the
    // queue would): declining must leave no more of it than withdrawing does.
    const declined = await makeStory(handle.db, {
      textEn: "We walked.",
      translatedInto: "en",
      ageRange: "35_49",
    });
    const withdrawn = await makeStory(handle.db, {
      textEn: "We walked.",
      translatedInto: "en",
      ageRange: "35_49",
    });
    await callerFor(handle.db, await reviewer()).stories.decline({ storyId: declined.id });
    await callerFor(handle.db, null).stories.withdraw({ token: withdrawn.token });
    const content = {
      pseudonym: stories.pseudonym,
      ageRange: stories.ageRange,
      caravanName: stories.caravanName,
      textEs: stories.textEs,
      textEn: stories.textEn,
      originalEs: stories.originalEs,
      originalEn: stories.originalEn,
      translatedInto: stories.translatedInto,
    };
    const [afterDecline] = await handle.db.select(content).from(stories).where(eq(stories.id, declined.id));
    const [afterWithdraw] = await handle.db.select(content).from(stories).where(eq(stories.id, withdrawn.id));
    expect(afterDecline).toEqual({
      pseudonym: "",
      ageRange: null,
      caravanName: null,
      textEs: null,
      textEn: null,
      originalEs: null,
      originalEn: null,
      translatedInto: null,
    });
    expect(afterDecline).toEqual(afterWithdraw);
  });

  it("lets only admins and the reviewers an admin named review, not a group's coordinators", async () => {
    const unverified = await makeGroup(handle.db, { verified: false });
    const selfMadeCoordinator = await makeUser(handle.db);
    await addMember(handle.db, unverified.id, selfMadeCoordinator.id, "coordinator");
    await expect(callerFor(handle.db, selfMadeCoordinator).stories.queue()).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const verified = await makeGroup(handle.db, { verified: true });
    const verifiedCoordinator = await makeUser(handle.db);
    await addMember(handle.db, verified.id, verifiedCoordinator.id, "coordinator");
    await expect(callerFor(handle.db, verifiedCoordinator).stories.queue()).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const admin = await makeUser(handle.db, { isAdmin: true });
    await expect(callerFor(handle.db, admin).stories.queue()).resolves.toBeInstanceOf(Array);
    await expect(callerFor(handle.db, await reviewer()).stories.queue()).resolves.toBeInstanceOf(Array);
  });

  it("refuses to publish a story with its text emptied", async () => {
    const { id } = await submitted({ pseudonym: "Vaciada" });
    await expect(
      callerFor(handle.db, await reviewer()).stories.publish({
        storyId: id,
        pseudonym: "Vaciada",
        caravanName: "",
        textEs: "",
        textEn: "",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("withdrawing a story", () => {
  it("shows what will be withdrawn without changing anything, then removes it from every public read at once", async () => {
    const { token, id } = await submitted({ pseudonym: "Me Arrepentí" });
    await callerFor(handle.db, await reviewer()).stories.publish({
      storyId: id,
      pseudonym: "Me Arrepentí",
      caravanName: "",
      textEs: "Texto publicado.",
      textEn: "",
    });
    const anyone = callerFor(handle.db, null);
    expect(await anyone.stories.withdrawal({ token })).toEqual({
      withdrawn: false,
      published: true,
      pseudonym: "Me Arrepentí",
    });
    expect(await anyone.stories.byId({ storyId: id })).toBeTruthy();

    await anyone.stories.withdraw({ token });
    await expect(anyone.stories.byId({ storyId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await anyone.stories.list()).stories.map((s) => s.id)).not.toContain(id);
    const [row] = await handle.db.select().from(stories).where(eq(stories.id, id));
    expect(row).toMatchObject({ status: "withdrawn", pseudonym: "", textEs: null, textEn: null });
    expect(await anyone.stories.withdrawal({ token })).toMatchObject({ withdrawn: true, pseudonym: null });
  });

  it("refuses a reused link and a forged one", async () => {
    const { token } = await submitted({ pseudonym: "Dos Veces" });
    const anyone = callerFor(handle.db, null);
    await anyone.stories.withdraw({ token });
    await expect(anyone.stories.withdraw({ token })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(anyone.stories.withdraw({ token: "A".repeat(43) })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(anyone.stories.withdraw({ token: "short" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("gives the teller a 12-character code to write down, which works typed as people type it", async () => {
    const { token: code } = await submitted({ pseudonym: "Con Papel" });
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    const anyone = callerFor(handle.db, null, "es");
    // Lower case, in groups, with an O for a 0 and an l for a 1: the same code.
    const typed = groupedCode(code).toLowerCase().replace(/0/g, "O").replace(/1/g, "l").replace(/-/g, " - ");
    expect(await anyone.stories.withdrawal({ token: typed })).toMatchObject({
      withdrawn: false,
      pseudonym: "Con Papel",
    });
    // One character off is another code, which withdraws nothing.
    const off = code.slice(0, 11) + (code[11] === "Z" ? "Y" : "Z");
    await expect(anyone.stories.withdraw({ token: off })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await refusal(anyone.stories.withdraw({ token: "K7M2-9QXR" }))).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { token: ["Este código no es válido: son 12 letras y números, como K7M2-9QXR-4TZB."] },
    });
    await anyone.stories.withdraw({ token: typed });
    expect(await anyone.stories.withdrawal({ token: code })).toMatchObject({ withdrawn: true });
  });

  it("still takes the 43-character links of stories told before there were codes", async () => {
    const legacy = await makeStory(handle.db); // its token is the old kind
    expect(legacy.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await callerFor(handle.db, null).stories.withdraw({ token: legacy.token });
    const [after] = await handle.db
      .select({ status: stories.status })
      .from(stories)
      .where(eq(stories.id, legacy.id));
    expect(after!.status).toBe("withdrawn");
  });

  it("can withdraw a story still waiting for review, which leaves the queue", async () => {
    const { token, id } = await submitted({ pseudonym: "Antes De Tiempo" });
    await callerFor(handle.db, null).stories.withdraw({ token });
    const queue = await callerFor(handle.db, await reviewer()).stories.queue();
    expect(queue.map((s) => s.id)).not.toContain(id);
  });
});
