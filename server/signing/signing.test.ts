import * as ed from "@noble/ed25519";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { signingKeys } from "@/db/schema";
import { setUpDatabase } from "../../test-support/setup";
import {
  addMember,
  callerFor,
  formTimes,
  makeAction,
  makeGroup,
  makeUser,
} from "../../test-support/factories";
import { activeKey, publishedKeys, rotateKey } from "./keys";
import {
  envelopeText,
  keyIdOf,
  normalizeCode,
  statementBytes,
  toBase64Url,
  verifyText,
  type PublishedKey,
  type Statement,
} from "./statement";
import { latestStatement, signStatement, statementByCode } from "./statements";
import { fingerprintWords } from "./words";

const statement: Statement = {
  v: 1,
  id: "0b7f3c1e-9a52-4d0e-8f51-6f1a2b3c4d5e",
  instance: "https://puente.example.org",
  kind: "message.urgent",
  at: "2026-12-05T23:10:00Z",
  es: "Cambio de planes: nos vemos en el Parque Teniente Guerrero a las 10.",
  en: "Change of plans: we meet at Teniente Guerrero Park at 10.",
};

/** A key of our own, published as /.well-known/puente-key would, and an envelope it signed. */
async function signedBy(secretKey = ed.utils.randomSecretKey(), what = statement) {
  const publicKey = await ed.getPublicKeyAsync(secretKey);
  const key: PublishedKey = {
    id: await keyIdOf(publicKey),
    publicKey: toBase64Url(publicKey),
    createdAt: "2026-11-01T00:00:00.000Z",
    retiredAt: null,
  };
  const signature = toBase64Url(await ed.signAsync(statementBytes(what), secretKey));
  return { key, text: envelopeText({ statement: what, keyId: key.id, signature }) };
}

describe("a statement's bytes", () => {
  it("are canonical JSON: keys in order, texts normalized, the same for the same statement", () => {
    const bytes = new TextDecoder().decode(statementBytes(statement));
    expect(bytes).toBe(
      '{"at":"2026-12-05T23:10:00Z","en":"Change of plans: we meet at Teniente Guerrero Park at 10.",' +
        '"es":"Cambio de planes: nos vemos en el Parque Teniente Guerrero a las 10.",' +
        '"id":"0b7f3c1e-9a52-4d0e-8f51-6f1a2b3c4d5e",' +
        '"instance":"https://puente.example.org","kind":"message.urgent","v":1}',
    );
    const reordered = { en: statement.en, v: 1, kind: statement.kind, es: statement.es } as Statement;
    Object.assign(reordered, { at: statement.at, instance: statement.instance, id: statement.id });
    expect(statementBytes(reordered)).toEqual(statementBytes(statement));
    // A chat that re-wraps the lines, or sends "á" as "a" + a combining accent, changes nothing.
    const rewrapped = { ...statement, es: statement.es.replace(/ /g, "\n  ").normalize("NFD") };
    expect(statementBytes(rewrapped)).toEqual(statementBytes(statement));
  });
});

describe("checking a forwarded text", () => {
  it("finds a genuine statement genuine, also when a chat re-wrapped it", async () => {
    const { key, text } = await signedBy();
    expect(await verifyText(text, [key])).toMatchObject({ genuine: true, retired: false });
    const rewrapped = `Reenviado:\n\n${text.replace(/ /g, "  ").replace(/\n/g, "\r\n\n")}\n`;
    expect(await verifyText(rewrapped, [key])).toMatchObject({ genuine: true });
  });

  it("finds a text with one word changed NOT genuine", async () => {
    const { key, text } = await signedBy();
    const forged = text.replace("Teniente Guerrero a las 10", "Teniente Guerrero a las 11");
    expect(await verifyText(forged, [key])).toMatchObject({ genuine: false, reason: "badSignature" });
    const otherDay = text.replace("2026-12-05T23:10:00Z", "2026-12-06T23:10:00Z");
    expect(await verifyText(otherDay, [key])).toMatchObject({ genuine: false, reason: "badSignature" });
  });

  it("finds a statement another key signed NOT genuine, whichever key it names", async () => {
    const ours = await signedBy();
    const theirs = await signedBy();
    expect(await verifyText(theirs.text, [ours.key])).toMatchObject({ genuine: false, reason: "unknownKey" });
    // Their signature under our key's name.
    const impostor = theirs.text.replace(theirs.key.id, ours.key.id);
    expect(await verifyText(impostor, [ours.key])).toMatchObject({ genuine: false, reason: "badSignature" });
  });

  it("still checks a statement made with a retired key, and says the key is retired", async () => {
    const { key, text } = await signedBy();
    const retired = { ...key, retiredAt: "2026-12-01T00:00:00.000Z" };
    expect(await verifyText(text, [retired])).toMatchObject({ genuine: true, retired: true });
  });

  it("reads a message whose own words hold 'EN: ', and a text that is no statement at all", async () => {
    const tricky = { ...statement, es: "Lean el aviso. EN: inglés abajo. Nos vemos a las 10." };
    const { key, text } = await signedBy(undefined, tricky);
    expect(await verifyText(text, [key])).toMatchObject({ genuine: true });
    expect(await verifyText("El punto de encuentro cambió a X", [key])).toMatchObject({
      genuine: false,
      reason: "unreadable",
    });
  });

  it("reads a short code however it is typed", () => {
    expect(normalizeCode("k7q4m z9txw")).toBe("K7Q4M-Z9TXW");
    expect(normalizeCode("K7Q4MZ9TXW")).toBe("K7Q4M-Z9TXW");
    expect(normalizeCode("K7Q4M-Z9TX")).toBeNull();
    expect(normalizeCode("K7Q4M-Z9TXU")).toBeNull();
  });
});

describe("the instance's keys", () => {
  const handle = setUpDatabase();
  afterEach(() => {
    delete process.env.PUENTE_SIGNING_KEY;
  });

  it("makes one key on first use, even asked by two servers at once, and names it in words", async () => {
    const [a, b] = await Promise.all([activeKey(handle.db), activeKey(handle.db)]);
    expect(a.id).toBe(b.id);
    const keys = await publishedKeys(handle.db);
    expect(keys.filter((k) => k.retiredAt === null)).toHaveLength(1);
    expect(fingerprintWords(a.id, "es")).toHaveLength(4);
    expect(fingerprintWords(a.id, "en")).not.toEqual(fingerprintWords(a.id, "es"));
  });

  it("after a rotation, signs with the new key and still verifies the old statements, marked retired", async () => {
    const old = await signStatement(handle.db, {
      ...statement,
      subjectId: crypto.randomUUID(),
    });
    const newId = await rotateKey(handle.db);
    expect(newId).not.toBe(old.envelope.keyId);
    const fresh = await signStatement(handle.db, {
      ...statement,
      subjectId: crypto.randomUUID(),
    });
    expect(fresh.envelope.keyId).toBe(newId);
    const keys = await publishedKeys(handle.db);
    expect(await verifyText(old.text, keys)).toMatchObject({ genuine: true, retired: true });
    expect(await verifyText(fresh.text, keys)).toMatchObject({ genuine: true, retired: false });
    const [retired] = await handle.db
      .select()
      .from(signingKeys)
      .where(eq(signingKeys.id, old.envelope.keyId));
    expect(retired!.secretKey).toBeNull(); // a retired key can sign nothing more
    expect(await statementByCode(handle.db, normalizeCode(old.code.toLowerCase())!)).toMatchObject({
      text: old.text,
    });
  });

  it("signs the same words said twice in one second as two statements, each found by its own code", async () => {
    const subjectId = crypto.randomUUID();
    const [first, second] = await Promise.all([
      signStatement(handle.db, { ...statement, subjectId }),
      signStatement(handle.db, { ...statement, subjectId }),
    ]);
    expect(first.code).not.toBe(second.code);
    expect((await statementByCode(handle.db, second.code))!.text).toBe(second.text);
  });

  it("signs with PUENTE_SIGNING_KEY when set, and never stores it", async () => {
    const seed = ed.utils.randomSecretKey();
    process.env.PUENTE_SIGNING_KEY = toBase64Url(seed);
    const signed = await signStatement(handle.db, {
      ...statement,
      subjectId: crypto.randomUUID(),
    });
    expect(signed.envelope.keyId).toBe(await keyIdOf(await ed.getPublicKeyAsync(seed)));
    const [row] = await handle.db.select().from(signingKeys).where(eq(signingKeys.id, signed.envelope.keyId));
    expect(row).toMatchObject({ secretKey: null, retiredAt: null });
    expect(await verifyText(signed.text, await publishedKeys(handle.db))).toMatchObject({ genuine: true });
    process.env.PUENTE_SIGNING_KEY = "too-short";
    await expect(activeKey(handle.db)).rejects.toThrow(/PUENTE_SIGNING_KEY/);
  });
});

describe("what is signed when it is made", () => {
  const handle = setUpDatabase();

  it("an urgent message, in both languages, and not an ordinary one", async () => {
    const group = await makeGroup(handle.db);
    const coordinator = await makeUser(handle.db);
    await addMember(handle.db, group.id, coordinator.id, "coordinator");
    const member = await makeUser(handle.db);
    await addMember(handle.db, group.id, member.id, "member");
    const api = callerFor(handle.db, coordinator);
    const send = (urgent: boolean) =>
      api.messages.send({
        audience: [{ kind: "group", groupId: group.id, roles: ["member"] }],
        subjectEs: "Cambio de lugar",
        subjectEn: "",
        bodyEs: "Mañana nos vemos en la Casa del Migrante, no en el parque.",
        bodyEn: "",
        urgent,
      });
    const urgent = await send(true);
    const ordinary = await send(false);
    const signed = await latestStatement(handle.db, urgent.id, "message.urgent");
    expect(signed!.envelope.statement.es).toBe(
      "Cambio de lugar: Mañana nos vemos en la Casa del Migrante, no en el parque.",
    );
    expect(signed!.envelope.statement.en).toBe(signed!.envelope.statement.es); // no English given
    expect(await verifyText(signed!.text, await publishedKeys(handle.db))).toMatchObject({ genuine: true });
    expect(await latestStatement(handle.db, ordinary.id)).toBeNull();
  });

  it("an action cancelled, and an action moved to another time, but not an edit of its description", async () => {
    const group = await makeGroup(handle.db);
    const organizer = await makeUser(handle.db);
    await addMember(handle.db, group.id, organizer.id, "organizer");
    const api = callerFor(handle.db, organizer);

    const { action } = await makeAction(handle.db, group.id, { visibility: "members" });
    await api.actions.cancel({ actionId: action.id });
    const cancelled = await latestStatement(handle.db, action.id, "action.cancelled");
    expect(cancelled!.envelope.statement.es).toContain("Acción cancelada");
    expect(cancelled!.envelope.statement.en).toContain("Action cancelled");
    // A members-only action's exact place is never in a statement anyone may be forwarded.
    expect(cancelled!.text).not.toContain(action.exactLocation);

    const { action: moving } = await makeAction(handle.db, group.id, { startsInHours: 72 });
    const details = {
      title: moving.title,
      kind: "welcome" as const,
      description: "",
      placeName: moving.placeName,
      exactLocation: "",
      timeZone: "America/Tijuana" as const,
      visibility: "public" as const,
      languages: ["es" as const],
      meetingPointId: null,
      ...formTimes(moving).action,
    };
    await api.actions.update({ actionId: moving.id, details: { ...details, description: "Traigan agua." } });
    expect(await latestStatement(handle.db, moving.id)).toBeNull();
    await api.actions.update({
      actionId: moving.id,
      details: { ...details, placeName: "Playas de Tijuana" },
    });
    const changed = await latestStatement(handle.db, moving.id, "action.changed");
    expect(changed!.envelope.statement.es).toContain("Playas de Tijuana");
    expect(await verifyText(changed!.text, await publishedKeys(handle.db))).toMatchObject({ genuine: true });
  });
});
