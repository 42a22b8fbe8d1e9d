// Fuzzing every procedure of the API (found from the router, so none is missed): arbitrary and
// hostile inputs, from callers with every right, never produce a server error — only a success
// or a typed client error. QUALITY.md figure 7.
import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { appRouter } from "./root";
import { createTestDatabase } from "../test-support/database";
import {
  addMember,
  callerFor,
  makeAction,
  makeCaravan,
  makeGroup,
  makeMeetingPoint,
  makeMessage,
  makePledge,
  makeReport,
  makeUser,
} from "../test-support/factories";

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);

let handle: DatabaseHandle;
let ids: string[] = [];
let actors: (Awaited<ReturnType<typeof makeUser>> | null)[] = [];
/** A valid input for procedures that store free text: fuzzed one text field at a time, so the text reaches the database. */
let validInputs: Record<string, Record<string, unknown>> = {};

beforeAll(async () => {
  handle = await createTestDatabase();
  const group = await makeGroup(handle.db);
  const admin = await makeUser(handle.db, { isAdmin: true });
  const coordinator = await makeUser(handle.db);
  await addMember(handle.db, group.id, coordinator.id, "coordinator");
  await addMember(handle.db, group.id, admin.id, "coordinator");
  const { action, shift } = await makeAction(handle.db, group.id);
  // Admin and coordinator are both coordinators: each receives the other's message.
  const message = await makeMessage(handle.db, coordinator, [
    { kind: "group", groupId: group.id, roles: ["coordinator"] },
  ]);
  const caravan = await makeCaravan(handle.db, { delegateIds: [coordinator.id] });
  const { report, needs } = await makeReport(handle.db, caravan.id);
  const pledge = await makePledge(handle.db, group.id, needs[0]!.id);
  ids = [
    group.id,
    action.id,
    shift.id,
    coordinator.id,
    admin.id,
    group.slug,
    caravan.id,
    report.id,
    needs[0]!.id,
    pledge.id,
    message.id,
  ];
  actors = [null, admin, coordinator];
  const point = await makeMeetingPoint(handle.db, group.id);
  validInputs = {
    "stories.submit": {
      pseudonym: "Doña Luz",
      country: "HN",
      textEs: "Salimos de San Pedro Sula.",
      consent: true,
    },
    "groups.create": {
      name: "Casa del Migrante",
      kind: "shelter",
      country: "MX",
      city: "Tijuana",
      region: "Baja California",
      descriptionEs: "Albergue.",
      descriptionEn: "Shelter.",
      contact: "casa.example.org",
    },
    "actions.signUpByEmail": { shiftId: shift.id, name: "Ana", email: "ana@example.org" },
    "meetingPoints.comment": { meetingPointId: point.id, body: "Hay sombra y agua." },
    "places.search": { query: "Ciudad Juárez", limit: 5 },
    "messages.send": {
      audience: [{ kind: "group", groupId: group.id, roles: ["coordinator"] }],
      subjectEs: "Agua",
      bodyEs: "Llegan mañana.",
    },
    "actions.create": {
      groupId: group.id,
      details: {
        title: "Bienvenida en San Ysidro",
        kind: "welcome",
        description: "Traer agua.",
        placeName: "San Ysidro",
        exactLocation: "Puerta 3",
        timeZone: "America/Tijuana",
        visibility: "members",
        startDate: "2030-01-10",
        startTime: "09:00",
        endDate: "2030-01-10",
        endTime: "12:00",
        meetingPointId: point.id,
      },
    },
  };
});
afterAll(() => handle.close());

/** Control characters (C0, DEL, C1) and halves of surrogate pairs, alone. */
const controlCharacter = fc
  .oneof(
    fc.integer({ min: 0, max: 0x1f }),
    fc.integer({ min: 0x7f, max: 0x9f }),
    fc.integer({ min: 0xd800, max: 0xdfff }),
  )
  .map((code) => String.fromCharCode(code));

/** Strings an attacker would try: injections, markup, control and wide characters, huge ones. */
const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 200 }),
  // Any UTF-16 code unit: controls and lone surrogates among the rest.
  fc.string({
    unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
    maxLength: 50,
  }),
  // Plausible text with a control character or a lone surrogate inside, to get past other checks.
  fc
    .tuple(fc.constantFrom("Casa del Migrante", "Agua para 800", "San Ysidro"), controlCharacter, fc.string())
    .map(([text, control, rest]) => `${text}${control}${rest}`),
  fc.constantFrom(
    "",
    " ",
    "' OR 1=1 --",
    "'; drop table users; --",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\u0000",
    "\u202e\u0000\uffff",
    "\u001b[2J\u001b[31mroot#",
    "\ud800",
    "a\udc00b",
    "%",
    "_",
    "\\",
    "../../etc/passwd",
    "ñandú 🌵 مرحبا 你好",
    "2026-02-30",
    "9999-12-31",
    "00:00",
    "24:00",
    "NaN",
    "-1",
  ),
  fc.constant("x".repeat(100_000)),
);

const hostileValue = () =>
  fc.oneof(
    hostileString,
    fc.constantFrom(...ids),
    fc.uuid(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: false }),
    fc.array(hostileString, { maxLength: 5 }),
  );

/** The keys procedures take, so that generated objects reach past the first check. */
const knownKeys = [
  "groupId",
  "actionId",
  "shiftId",
  "signupId",
  "userId",
  "slug",
  "token",
  "id",
  "storyId",
  "query",
  "kind",
  "country",
  "after",
  "before",
  "name",
  "email",
  "role",
  "approve",
  "accept",
  "note",
  "details",
  "title",
  "placeName",
  "timeZone",
  "startDate",
  "startTime",
  "endDate",
  "endTime",
  "date",
  "capacity",
  "preferredLanguage",
  "languagesSpoken",
  "skills",
  "phone",
  "city",
  "region",
  "descriptionEs",
  "descriptionEn",
  "contact",
  "pseudonym",
  "textEs",
  "textEn",
  "consent",
  "visibility",
  "languages",
  "revealHoursBefore",
  "decisionId",
  "meetingPointId",
  "objectionId",
  "reason",
  "resolution",
  "safetyChecklist",
  "shelterKm",
  "choices",
  "audience",
  "roles",
  "statuses",
  "messageId",
  "subjectEs",
  "subjectEn",
  "bodyEs",
  "bodyEn",
  "urgent",
  "body",
  "threadUserId",
  "emailMessages",
  "caravanId",
  "reportId",
  "needId",
  "pledgeId",
  "origin",
  "departureDate",
  "estimatedSize",
  "status",
  "latitude",
  "longitude",
  "placeId",
  "limit",
  "headcount",
  "needs",
  "quantity",
  "what",
  "byDate",
  "expectedMeetingPointId",
  "expectedFrom",
  "expectedUntil",
];

function inputs() {
  return fc.oneof(
    fc.anything(),
    fc.dictionary(fc.constantFrom(...knownKeys), hostileValue(), { maxKeys: 12 }),
    fc.record(
      { details: fc.dictionary(fc.constantFrom(...knownKeys), hostileValue(), { maxKeys: 12 }) },
      { requiredKeys: [] },
    ),
  );
}

/** `valid` with one of its text fields (at the top or in `details`) replaced by a hostile string. */
function withHostileText(valid: Record<string, unknown>) {
  const details = (valid.details ?? {}) as Record<string, unknown>;
  const fields = [
    ...Object.keys(valid)
      .filter((key) => typeof valid[key] === "string")
      .map((key) => [key]),
    ...Object.keys(details)
      .filter((key) => typeof details[key] === "string")
      .map((key) => ["details", key]),
  ];
  return fc.tuple(fc.constantFrom(...fields), hostileString).map(([field, text]) => {
    const input = structuredClone(valid);
    const holder = (field.length === 2 ? input.details : input) as Record<string, unknown>;
    holder[field.at(-1)!] = text;
    return input;
  });
}

describe("every procedure, fuzzed", () => {
  const procedures = Object.keys(appRouter._def.procedures).sort();

  it("is found in the router", () => {
    expect(procedures.length).toBeGreaterThan(30);
  });

  for (const path of procedures) {
    it(`${path}: ${RUNS} hostile inputs, no server error`, async () => {
      const [namespace, name] = path.split(".") as [string, string];
      let tried = 0;
      await fc.assert(
        fc.asyncProperty(
          validInputs[path] ? fc.oneof(inputs(), withHostileText(validInputs[path])) : inputs(),
          fc.nat({ max: 2 }),
          async (input, who) => {
            tried++;
            // Deleting an account is fuzzed with throwaway people, so the others stay for the rest.
            const actor =
              path === "me.deleteAccount" && who > 0 ? await makeUser(handle.db) : (actors[who] ?? null);
            const api = callerFor(handle.db, actor) as unknown as Record<
              string,
              Record<string, (input: unknown) => Promise<unknown>>
            >;
            try {
              await api[namespace]![name]!(input);
            } catch (error) {
              if (!(error instanceof TRPCError)) throw error;
              if (error.code === "INTERNAL_SERVER_ERROR") {
                throw new Error(
                  `${path} answered a server error for ${JSON.stringify(input)?.slice(0, 300)} (its cause is in the log)`,
                );
              }
            }
          },
        ),
        { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261128) },
      );
      expect(tried).toBeGreaterThanOrEqual(RUNS);
    }, 300_000);
  }
});
