// Test data with sensible defaults: each test states only what matters to it.
import { createHash, randomBytes } from "node:crypto";
import { TRPCError } from "@trpc/server";
import type { Database } from "@/db/client";
import {
  actions,
  caravanDelegates,
  caravanReports,
  caravans,
  decisionCoordinators,
  decisionOptions,
  decisions,
  groups,
  invitations,
  meetingPoints,
  memberships,
  pledges,
  reportNeeds,
  shifts,
  stories,
  users,
  type CaravanStatus,
  type DecisionMethod,
  type NeedKind,
  type PledgeStatus,
  type GroupKind,
  type MeetingPointStatus,
  type MembershipRole,
  type MembershipStatus,
} from "@/db/schema";
import { scheduleReveal } from "@/server/actions/reveal";
import { explainError } from "@/server/errors";
import type { Locale } from "@/server/i18n/locale";
import type { AudiencePartInput } from "@/server/messages/inputs";
import { sendMessage } from "@/server/messages/messages";
import { createCaller } from "@/server/root";
import type { Actor } from "@/server/actor";

const unique = () => randomBytes(8).toString("hex");

export async function makeUser(
  db: Database,
  overrides: Partial<typeof users.$inferInsert> = {},
): Promise<Actor & { email: string; name: string | null }> {
  const [user] = await db
    .insert(users)
    .values({ email: `person-${unique()}@example.org`, name: `Person ${unique()}`, ...overrides })
    .returning({ id: users.id, isAdmin: users.isAdmin, email: users.email, name: users.name });
  // Every test person has an email; an account made by phone is made by signing in with a code.
  return { ...user!, email: user!.email! };
}

export async function makeGroup(
  db: Database,
  overrides: Partial<typeof groups.$inferInsert> & { kind?: GroupKind } = {},
) {
  const suffix = unique();
  const [group] = await db
    .insert(groups)
    .values({
      slug: `group-${suffix}`,
      name: `Group ${suffix}`,
      kind: "community",
      city: "Tijuana",
      region: "Baja California",
      country: "MX",
      verified: true,
      ...overrides,
    })
    .returning();
  return group!;
}

export async function addMember(
  db: Database,
  groupId: string,
  userId: string,
  role: MembershipRole = "member",
  status: MembershipStatus = "active",
) {
  const [membership] = await db.insert(memberships).values({ groupId, userId, role, status }).returning();
  return membership!;
}

/**
 * The API as `actor` sees it (null: signed out), in `locale`, from a client address of its own
 * unless `clientKey` says otherwise (rate limits count per address).
 */
export function callerFor(
  db: Database,
  actor: Actor | null,
  locale: Locale = "en",
  clientKey = `client-${unique()}`,
) {
  return createCaller({
    db,
    actor: actor && { id: actor.id, isAdmin: actor.isAdmin },
    locale,
    origin: "http://puente.test",
    clientKey,
  });
}

/** A group (verified unless told otherwise) with one new person in `role`, and the API as they see it. */
export async function personInGroup(
  db: Database,
  role: MembershipRole,
  options: { verified?: boolean; locale?: Locale } = {},
) {
  const group = await makeGroup(db, { verified: options.verified ?? true });
  const person = await makeUser(db);
  await addMember(db, group.id, person.id, role);
  return { group, person, api: callerFor(db, person, options.locale) };
}

/** An invitation stored as `invite` would store it; returns the raw token of its link. */
export async function makeInvitation(
  db: Database,
  groupId: string,
  email: string,
  overrides: Partial<typeof invitations.$inferInsert> = {},
) {
  const token = randomBytes(32).toString("base64url");
  const [invitation] = await db
    .insert(invitations)
    .values({
      groupId,
      email,
      tokenHash: createHash("sha256").update(token).digest("hex"),
      expiresAt: new Date(Date.now() + 86_400_000),
      ...overrides,
    })
    .returning();
  return { ...invitation!, token };
}

/** A story as `submitStory` would store it (waiting for review); returns its withdrawal token. */
export async function makeStory(db: Database, overrides: Partial<typeof stories.$inferInsert> = {}) {
  const token = randomBytes(32).toString("base64url");
  const [story] = await db
    .insert(stories)
    .values({
      pseudonym: `Teller ${unique()}`,
      country: "GT",
      textEs: "Caminamos muchos días para llegar aquí.",
      originalEs: "Caminamos muchos días para llegar aquí.",
      consentedAt: new Date(),
      consentVersion: "test",
      consentLocale: "es",
      withdrawTokenHash: createHash("sha256").update(token).digest("hex"),
      ...overrides,
    })
    .returning();
  return { ...story!, token };
}

/** An action of `groupId` starting in `startsInHours`, with one shift of `capacity` places. */
export async function makeAction(
  db: Database,
  groupId: string,
  options: {
    capacity?: number;
    startsInHours?: number;
    visibility?: "public" | "members";
    exactLocation?: string;
    revealHoursBefore?: number;
  } = {},
) {
  const startsAt = new Date(Date.now() + (options.startsInHours ?? 48) * 3_600_000);
  startsAt.setUTCSeconds(0, 0); // forms speak in whole minutes
  const endsAt = new Date(startsAt.getTime() + 4 * 3_600_000);
  const [action] = await db
    .insert(actions)
    .values({
      groupId,
      title: `Bienvenida ${unique()}`,
      kind: "welcome",
      placeName: "San Ysidro, Tijuana",
      exactLocation: options.exactLocation ?? "Parroquia San Judas, puerta trasera",
      timeZone: "America/Tijuana",
      startsAt,
      endsAt,
      visibility: options.visibility ?? "public",
      revealHoursBefore: options.revealHoursBefore,
    })
    .returning();
  await scheduleReveal(db, action!.id); // as createAction does
  const [shift] = await db
    .insert(shifts)
    .values({
      actionId: action!.id,
      role: "Welcome table",
      startsAt,
      endsAt,
      capacity: options.capacity ?? 10,
    })
    .returning();
  return { action: action!, shift: shift! };
}

/**
 * An action's day and times in its zone, as its form sends them, and a shift's, which a form gives
 * as one day: an action that runs past midnight (one starting two hours from now, in Tijuana's
 * evening) keeps its shift to the part after midnight.
 */
export function formTimes(action: { startsAt: Date; endsAt: Date; timeZone: string }) {
  const zone = { timeZone: action.timeZone };
  const day = (d: Date) => d.toLocaleDateString("en-CA", zone);
  const clock = (d: Date) => d.toLocaleTimeString("en-GB", { ...zone, hour: "2-digit", minute: "2-digit" });
  const [startDate, startTime, endDate, endTime] = [
    day(action.startsAt),
    clock(action.startsAt),
    day(action.endsAt),
    clock(action.endsAt),
  ];
  const shift =
    startDate === endDate
      ? { date: startDate, startTime, endTime }
      : endTime === "00:00"
        ? { date: startDate, startTime, endTime: "23:59" }
        : { date: endDate, startTime: "00:00", endTime };
  return { action: { startDate, startTime, endDate, endTime }, shift };
}

/** A meeting point proposed by `groupId` at San Ysidro–Tijuana, shortlisted unless told otherwise. */
export async function makeMeetingPoint(
  db: Database,
  groupId: string,
  options: { status?: MeetingPointStatus; name?: string } = {},
) {
  const [point] = await db
    .insert(meetingPoints)
    .values({
      groupId,
      name: options.name ?? `Plaza ${unique()}`,
      crossing: "san_ysidro_tijuana",
      side: "MX",
      latitude: 32.54,
      longitude: -117.03,
      capacity: 500,
      status: options.status ?? "shortlisted",
    })
    .returning();
  return point!;
}

/**
 * A decision between `optionIds`, open now and closing in `closesInMinutes` (negative: already
 * past its closing time, not yet counted).
 */
export async function makeDecision(
  db: Database,
  optionIds: string[],
  options: {
    method?: DecisionMethod;
    quorum?: number;
    closesInMinutes?: number;
    opensInMinutes?: number;
  } = {},
) {
  const now = Date.now();
  const closesAt = new Date(now + (options.closesInMinutes ?? 60) * 60_000);
  const opensAt = new Date(
    Math.min(now + (options.opensInMinutes ?? -60) * 60_000, closesAt.getTime() - 60_000),
  );
  const [decision] = await db
    .insert(decisions)
    .values({
      question: "¿Dónde nos encontramos? / Where do we meet?",
      method: options.method ?? "irv",
      opensAt,
      closesAt,
      quorum: options.quorum ?? 1,
    })
    .returning();
  await db
    .insert(decisionOptions)
    .values(
      optionIds.map((meetingPointId, position) => ({ decisionId: decision!.id, meetingPointId, position })),
    );
  return decision!;
}

/** Names `userId` a coordinator of the decision, as opening it with them named would. */
export async function nameDecisionCoordinator(db: Database, decisionId: string, userId: string) {
  await db.insert(decisionCoordinators).values({ decisionId, userId }).onConflictDoNothing();
}

/** A message from `sender` to `audience`, sent as the compose form sends it (deliveries, email jobs). */
export async function makeMessage(
  db: Database,
  sender: Actor,
  audience: AudiencePartInput[],
  overrides: Partial<{
    subjectEs: string;
    subjectEn: string;
    bodyEs: string;
    bodyEn: string;
    urgent: boolean;
  }> = {},
) {
  return sendMessage(db, sender, {
    audience,
    subjectEs: "Aviso para el grupo",
    subjectEn: "",
    bodyEs: "Nos vemos mañana a las 8 en la plaza.",
    bodyEn: "",
    urgent: false,
    ...overrides,
  });
}

/** A group (verified unless told otherwise) with a coordinator, an organizer and a member. */
export async function makeTeam(db: Database, verified = true) {
  const group = await makeGroup(db, { verified });
  const [coordinator, organizer, member] = [await makeUser(db), await makeUser(db), await makeUser(db)];
  await addMember(db, group.id, coordinator.id, "coordinator");
  await addMember(db, group.id, organizer.id, "organizer");
  await addMember(db, group.id, member.id, "member");
  return { group, coordinator, organizer, member };
}

/** A caravan on its way from Honduras, with `delegateIds` speaking for it. */
export async function makeCaravan(
  db: Database,
  options: { status?: CaravanStatus; name?: string; delegateIds?: string[]; groupId?: string } = {},
) {
  const [caravan] = await db
    .insert(caravans)
    .values({
      groupId: options.groupId ?? null,
      name: options.name ?? `Caravana ${unique()}`,
      origin: "HN",
      departureDate: "2026-10-12",
      estimatedSize: 1200,
      status: options.status ?? "in_transit",
    })
    .returning();
  if (options.delegateIds?.length) {
    await db
      .insert(caravanDelegates)
      .values(options.delegateIds.map((userId) => ({ caravanId: caravan!.id, userId })));
  }
  return caravan!;
}

/**
 * A report as `postReport` would store it (already in tenths of a degree), by default from
 * Tapachula with 900 people needing water; `reporterGroupId` null means a delegate reported.
 */
export async function makeReport(
  db: Database,
  caravanId: string,
  options: {
    reportedBy?: string | null;
    reporterGroupId?: string | null;
    latitudeTenths?: number;
    longitudeTenths?: number;
    headcount?: number;
    placeName?: string;
    needs?: { kind: NeedKind; quantity?: number; note?: string }[];
    reportedAt?: Date;
    expected?: { meetingPointId: string; from?: string; until?: string };
  } = {},
) {
  const [report] = await db
    .insert(caravanReports)
    .values({
      caravanId,
      reportedBy: options.reportedBy ?? null,
      reporterGroupId: options.reporterGroupId ?? null,
      placeName: options.placeName ?? "Tapachula, Chiapas",
      latitudeTenths: options.latitudeTenths ?? 149,
      longitudeTenths: options.longitudeTenths ?? -923,
      headcount: options.headcount ?? 900,
      reportedAt: options.reportedAt,
      expectedMeetingPointId: options.expected?.meetingPointId,
      expectedFrom: options.expected?.from,
      expectedUntil: options.expected?.until,
    })
    .returning();
  const needs = await db
    .insert(reportNeeds)
    .values(
      (options.needs ?? [{ kind: "water", quantity: 900, note: "litros al día" }]).map((n) => ({
        reportId: report!.id,
        kind: n.kind,
        quantity: n.quantity ?? null,
        note: n.note ?? "",
      })),
    )
    .returning();
  return { report: report!, needs };
}

/** A pledge of `groupId` against `needId`. */
export async function makePledge(
  db: Database,
  groupId: string,
  needId: string,
  options: { quantity?: number; byDate?: string; status?: PledgeStatus } = {},
) {
  const [pledge] = await db
    .insert(pledges)
    .values({
      groupId,
      needId,
      what: "Garrafones de agua",
      quantity: options.quantity ?? 100,
      byDate: options.byDate ?? "2026-12-01",
      status: options.status,
    })
    .returning();
  return pledge!;
}

/**
 * The refusal a call ends in: its code, and the message and field errors a reader of `locale` is
 * shown. A call that succeeds, or fails some other way, fails the test.
 */
export async function refusal(call: Promise<unknown>, locale: Locale = "es") {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { code: error.code, ...explainError(error, locale) };
}
