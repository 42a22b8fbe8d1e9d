// Who may call what: every procedure of the API, found from the router itself, against every kind
// of caller, on the real database. A procedure missing from the table fails the test. A procedure
// whose audience depends on its input has more rows: "path (which case)".
import { TRPCError } from "@trpc/server";
import { formatInTimeZone } from "date-fns-tz";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@/db/client";
import { eq } from "drizzle-orm";
import { ballots, decisionCoordinators, decisions, safetyObjections } from "@/db/schema";
import { closeDecision } from "./decisions/closing";
import { attachLiveFeed, type LiveFeed } from "./messages/live";
import { appRouter } from "./root";
import { createTestDatabase } from "../test-support/database";
import {
  addMember,
  callerFor,
  formTimes,
  makeAction,
  makeCaravan,
  makeDecision,
  makeGroup,
  makeInvitation,
  makeMessage,
  makeMeetingPoint,
  makePledge,
  makeReport,
  makeStory,
  makeUser,
} from "../test-support/factories";

let handle: DatabaseHandle;
let feed: LiveFeed;
beforeAll(async () => {
  handle = await createTestDatabase();
  feed = await attachLiveFeed(handle);
});
afterAll(async () => {
  await feed.close();
  await handle.close();
});

const callers = [
  "anonymous",
  "stranger",
  "pending",
  "member",
  "organizer",
  "coordinator",
  "admin",
  // Made a reviewer by an admin, in no group.
  "reviewer",
  // A delegate of the scenario's caravan, and a delegate of another caravan.
  "delegate",
  "otherDelegate",
] as const;
type Caller = (typeof callers)[number];
type Outcome = "ok" | TRPCError["code"];

/** A verified group with one person in each position, built once for each procedure. */
async function scenario(db: Database) {
  const group = await makeGroup(db, { verified: true });
  const unverified = await makeGroup(db, { verified: false });
  const people = {
    stranger: await makeUser(db),
    pending: await makeUser(db),
    member: await makeUser(db),
    organizer: await makeUser(db),
    coordinator: await makeUser(db),
    admin: await makeUser(db, { isAdmin: true }),
    reviewer: await makeUser(db, { reviewer: true }),
    delegate: await makeUser(db),
    otherDelegate: await makeUser(db),
    applicant: await makeUser(db),
    target: await makeUser(db),
  };
  await addMember(db, group.id, people.pending.id, "member", "pending");
  await addMember(db, group.id, people.applicant.id, "member", "pending");
  await addMember(db, group.id, people.member.id, "member");
  await addMember(db, group.id, people.target.id, "member");
  await addMember(db, group.id, people.organizer.id, "organizer");
  await addMember(db, group.id, people.coordinator.id, "coordinator");
  await addMember(db, unverified.id, people.coordinator.id, "coordinator");
  const invitation = await makeInvitation(db, group.id, people.target.email);
  const waitingStory = await makeStory(db);
  const publishedStory = await makeStory(db, { status: "published", publishedAt: new Date() });
  const { action, shift } = await makeAction(db, group.id, { startsInHours: 2 });
  const signup = await callerFor(db, people.target).actions.signUp({ shiftId: shift.id });
  const proposal = await makeMeetingPoint(db, group.id, { status: "proposed" });
  const pointA = await makeMeetingPoint(db, group.id);
  const pointB = await makeMeetingPoint(db, group.id);
  const decision = await makeDecision(db, [pointA.id, pointB.id]);
  // The group's coordinator runs the decision (named when it opened).
  await db.insert(decisionCoordinators).values({ decisionId: decision.id, userId: people.coordinator.id });
  const pastDecision = await makeDecision(db, [pointA.id, pointB.id], { closesInMinutes: -5 });
  const closedDecision = await makeDecision(db, [pointA.id, pointB.id], { closesInMinutes: -5 });
  await db.update(decisions).set({ status: "closed" }).where(eq(decisions.id, closedDecision.id));
  await db
    .insert(decisionCoordinators)
    .values({ decisionId: closedDecision.id, userId: people.coordinator.id });
  const [objection] = await db
    .insert(safetyObjections)
    .values({
      decisionId: decision.id,
      meetingPointId: pointA.id,
      groupId: group.id,
      reason: "Un retén cerca.",
    })
    .returning();
  const message = await makeMessage(db, people.coordinator, [
    { kind: "group", groupId: group.id, roles: ["member"] },
  ]);
  // A caravan whose delegate is `target`; the group's member `target` reported for the group.
  // The group registered it; `delegate` speaks for it too, `otherDelegate` for another caravan.
  const caravan = await makeCaravan(db, {
    delegateIds: [people.target.id, people.delegate.id],
    groupId: group.id,
  });
  await makeCaravan(db, { delegateIds: [people.otherDelegate.id] });
  // The caravan's own objection to the other option, which only its delegates lift.
  const [caravanObjection] = await db
    .insert(safetyObjections)
    .values({
      decisionId: decision.id,
      meetingPointId: pointB.id,
      caravanId: caravan.id,
      reason: "Hombres armados esperan cerca.",
    })
    .returning();
  const { report, needs } = await makeReport(db, caravan.id, {
    reportedBy: people.target.id,
    reporterGroupId: group.id,
  });
  const pledge = await makePledge(db, group.id, needs[0]!.id);
  // A closed decision the caravan voted in: its winner waits for the caravan's ratification.
  const ratifying = await makeDecision(db, [pointA.id, pointB.id], { closesInMinutes: -5 });
  await db.insert(ballots).values({
    decisionId: ratifying.id,
    voterKind: "delegate",
    caravanId: caravan.id,
    choices: [pointB.id],
  });
  await closeDecision(db, ratifying.id);
  await db.insert(decisionCoordinators).values({ decisionId: ratifying.id, userId: people.coordinator.id });
  return {
    ratifying,
    objection: objection!,
    caravanObjection: caravanObjection!,
    message,
    caravan,
    report,
    need: needs[0]!,
    pledge,
    group,
    unverified,
    people,
    invitation,
    action,
    shift,
    signup,
    proposal,
    pointA,
    pointB,
    decision,
    pastDecision,
    closedDecision,
    waitingStory,
    publishedStory,
  };
}
type Scenario = Awaited<ReturnType<typeof scenario>>;

const everyone = (outcome: Outcome) =>
  Object.fromEntries(callers.map((c) => [c, outcome])) as Record<Caller, Outcome>;
const signedIn = (outcome: Outcome = "ok") => ({ ...everyone(outcome), anonymous: "UNAUTHORIZED" as const });
const only = (allowed: Caller[], otherwise: Outcome = "FORBIDDEN") => ({
  ...signedIn(otherwise),
  ...Object.fromEntries(allowed.map((c) => [c, "ok"])),
});

const details = () => ({
  name: `Grupo ${Math.random().toString(36).slice(2, 10)}`,
  kind: "community" as const,
  country: "MX" as const,
  city: "Tijuana",
  region: "Baja California",
  descriptionEs: "Descripción",
  descriptionEn: "Description",
  contact: "",
});

const actionDetails = (s: Scenario) => {
  const times = formTimes(s.action).action;
  return {
    title: "Bienvenida en San Ysidro",
    kind: "welcome",
    description: "",
    placeName: "San Ysidro",
    exactLocation: "",
    timeZone: "America/Tijuana",
    visibility: "public",
    languages: ["es"],
    // Tied to a point everyone may see: who may tie one is who may write the action.
    meetingPointId: s.proposal.id,
    ...times,
  };
};

const shiftDetails = (s: Scenario) => ({
  role: "Mesa de bienvenida",
  ...formTimes(s.action).shift,
  capacity: 5,
});

const meetingPointDetails = () => ({
  name: `Parque ${Math.random().toString(36).slice(2, 10)}`,
  crossing: "nogales",
  side: "US",
  latitude: 31.33,
  longitude: -110.94,
  capacity: 300,
});

const caravanDetails = () => ({
  name: `Caravana ${Math.random().toString(36).slice(2, 10)}`,
  origin: "HN",
  departureDate: "2026-10-12",
  estimatedSize: 1500,
  status: "in_transit",
});

const table: Record<
  string,
  {
    input: (s: Scenario) => unknown;
    expect: Record<Caller, Outcome>;
    /** Listens for what other connections announce: runs on committed data, a scenario per call. */
    committed?: true;
  }
> = {
  "me.profile": { input: () => undefined, expect: signedIn() },
  "me.navigation": { input: () => undefined, expect: signedIn() },
  "me.updateProfile": {
    input: () => ({ name: "N", preferredLanguage: "es", languagesSpoken: [], skills: [], phone: "" }),
    expect: signedIn(),
  },
  "me.signOutEverywhere": { input: () => undefined, expect: signedIn() },
  "me.export": { input: () => undefined, expect: signedIn() },
  "me.timeZone": { input: () => undefined, expect: signedIn() },
  "me.setTimeZone": { input: () => ({ timeZone: "America/Mexico_City" }), expect: signedIn() },
  // The coordinator is the group's only one: they must hand over first.
  "me.deleteAccount": { input: () => undefined, expect: { ...signedIn(), coordinator: "CONFLICT" } },
  "groups.directory": { input: () => ({}), expect: everyone("ok") },
  "groups.bySlug": { input: (s) => ({ slug: s.group.slug }), expect: everyone("ok") },
  "groups.create": { input: details, expect: signedIn() },
  "groups.update": { input: (s) => ({ groupId: s.group.id, ...details() }), expect: only(["coordinator"]) },
  "groups.mine": { input: () => undefined, expect: signedIn() },
  "groups.members": {
    input: (s) => ({ groupId: s.group.id }),
    expect: only(["member", "organizer", "coordinator"]),
  },
  "groups.requests": { input: (s) => ({ groupId: s.group.id }), expect: only(["organizer", "coordinator"]) },
  "groups.requestToJoin": {
    input: (s) => ({ groupId: s.group.id }),
    expect: { ...signedIn(), member: "CONFLICT", organizer: "CONFLICT", coordinator: "CONFLICT" },
  },
  "groups.decideRequest": {
    input: (s) => ({ groupId: s.group.id, userId: s.people.applicant.id, approve: true }),
    expect: only(["organizer", "coordinator"]),
  },
  "groups.changeRole": {
    input: (s) => ({ groupId: s.group.id, userId: s.people.target.id, role: "organizer" }),
    expect: only(["coordinator"]),
  },
  "groups.removeMember": {
    input: (s) => ({ groupId: s.group.id, userId: s.people.target.id }),
    expect: only(["organizer", "coordinator"]),
  },
  "groups.leave": {
    input: (s) => ({ groupId: s.group.id }),
    expect: {
      ...signedIn(),
      stranger: "NOT_FOUND",
      admin: "NOT_FOUND",
      reviewer: "NOT_FOUND",
      delegate: "NOT_FOUND",
      otherDelegate: "NOT_FOUND",
      coordinator: "CONFLICT",
    },
  },
  "groups.invite": {
    input: (s) => ({ groupId: s.group.id, email: `new-${s.group.id}@example.org`, role: "member" }),
    expect: only(["organizer", "coordinator"]),
  },
  "groups.invitations": {
    input: (s) => ({ groupId: s.group.id }),
    expect: only(["organizer", "coordinator"]),
  },
  "groups.invitation": { input: (s) => ({ token: s.invitation.token }), expect: signedIn() },
  // The invitation is addressed to someone else: nobody but them may answer it.
  "groups.answerInvitation": {
    input: (s) => ({ token: s.invitation.token, accept: true }),
    expect: signedIn("FORBIDDEN"),
  },
  "groups.vettingQueue": { input: () => undefined, expect: only(["admin"]) },
  "groups.verify": { input: (s) => ({ groupId: s.unverified.id, note: "" }), expect: only(["admin"]) },
  "groups.reject": {
    input: (s) => ({ groupId: s.unverified.id, note: "Not a real group" }),
    expect: only(["admin"]),
  },
  "audit.list": { input: () => ({}), expect: only(["admin"]) },
  "actions.list": { input: () => ({}), expect: everyone("ok") },
  "actions.get": { input: (s) => ({ actionId: s.action.id }), expect: everyone("ok") },
  "actions.create": {
    input: (s) => ({ groupId: s.group.id, details: actionDetails(s) }),
    expect: only(["organizer", "coordinator"]),
  },
  "actions.update": {
    input: (s) => ({ actionId: s.action.id, details: actionDetails(s) }),
    expect: only(["organizer", "coordinator"]),
  },
  "actions.cancel": { input: (s) => ({ actionId: s.action.id }), expect: only(["organizer", "coordinator"]) },
  "actions.addShift": {
    input: (s) => ({ actionId: s.action.id, ...shiftDetails(s) }),
    expect: only(["organizer", "coordinator"]),
  },
  "actions.updateShift": {
    input: (s) => ({ shiftId: s.shift.id, ...shiftDetails(s) }),
    expect: only(["organizer", "coordinator"]),
  },
  "actions.signUp": { input: (s) => ({ shiftId: s.shift.id }), expect: signedIn() },
  "actions.signUpByEmail": {
    input: (s) => ({ shiftId: s.shift.id, name: "Ana", email: `ana-${s.shift.id}@example.org` }),
    expect: everyone("ok"),
  },
  // Someone else's signup: nobody but its owner can cancel it.
  "actions.cancelSignup": { input: (s) => ({ signupId: s.signup.id }), expect: signedIn("NOT_FOUND") },
  "actions.mine": { input: () => undefined, expect: signedIn() },
  "actions.roster": { input: (s) => ({ actionId: s.action.id }), expect: only(["organizer", "coordinator"]) },
  "actions.checkIn": {
    input: (s) => ({ signupId: s.signup.id, attended: true }),
    expect: only(["organizer", "coordinator"]),
  },
  "actions.calendarFeed": { input: () => undefined, expect: signedIn() },
  "actions.createCalendarFeed": { input: () => undefined, expect: signedIn() },
  "actions.revokeCalendarFeed": { input: () => undefined, expect: signedIn() },
  "stories.list": { input: () => ({}), expect: everyone("ok") },
  "stories.byId": { input: (s) => ({ storyId: s.publishedStory.id }), expect: everyone("ok") },
  "stories.submit": {
    input: () => ({ pseudonym: "Ana", country: "SV", textEs: "Mi historia.", consent: true }),
    expect: everyone("ok"),
  },
  // Whoever holds the link is the teller: no account is involved either way.
  "stories.withdrawal": { input: (s) => ({ token: s.waitingStory.token }), expect: everyone("ok") },
  "stories.withdraw": { input: (s) => ({ token: s.waitingStory.token }), expect: everyone("ok") },
  // Reviewers: admins, and the people an admin named reviewers (a group's coordinator is not one).
  "stories.queue": { input: () => undefined, expect: only(["reviewer", "admin"]) },
  "stories.saveReview": {
    input: (s) => ({ storyId: s.waitingStory.id, pseudonym: "Ana", textEs: "Editada." }),
    expect: only(["reviewer", "admin"]),
  },
  "stories.publish": {
    input: (s) => ({ storyId: s.waitingStory.id, pseudonym: "Ana", textEs: "Editada.", textEn: "Edited." }),
    expect: only(["reviewer", "admin"]),
  },
  "stories.decline": {
    input: (s) => ({ storyId: s.waitingStory.id }),
    expect: only(["reviewer", "admin"]),
  },
  "meetingPoints.list": { input: () => undefined, expect: everyone("ok") },
  "meetingPoints.chosen": { input: () => undefined, expect: everyone("ok") },
  "meetingPoints.get": { input: (s) => ({ meetingPointId: s.proposal.id }), expect: everyone("ok") },
  "meetingPoints.propose": {
    input: (s) => ({ groupId: s.group.id, details: meetingPointDetails() }),
    expect: only(["organizer", "coordinator"]),
  },
  // The proposing group's coordinators and organizers, while no open decision has it as an option.
  "meetingPoints.update": {
    input: (s) => ({
      meetingPointId: s.proposal.id,
      groupId: s.group.id,
      details: {
        name: `Parque ${Math.random().toString(36).slice(2, 10)}`,
        crossing: "san_ysidro_tijuana",
        side: "MX",
        latitude: 32.53,
        longitude: -117.02,
        capacity: 600,
      },
    }),
    expect: only(["organizer", "coordinator"]),
  },
  "reviewers.list": { input: () => undefined, expect: only(["admin"]) },
  "reviewers.find": { input: (s) => ({ query: s.people.member.email }), expect: only(["admin"]) },
  "reviewers.set": {
    input: (s) => ({ userId: s.people.member.id, reviewer: true }),
    expect: only(["admin"]),
  },
  "meetingPoints.comment": {
    input: (s) => ({ meetingPointId: s.proposal.id, body: "Hay sombra y agua." }),
    expect: signedIn(),
  },
  // Reviewers an admin named, admins, and the coordinators of an open decision (the group's coordinator runs one).
  "meetingPoints.shortlist": {
    input: (s) => ({ meetingPointId: s.proposal.id }),
    expect: only(["coordinator", "admin", "reviewer"]),
  },
  "meetingPoints.reject": {
    input: (s) => ({ meetingPointId: s.proposal.id, note: "Too far from the crossing" }),
    expect: only(["coordinator", "admin", "reviewer"]),
  },
  "decisions.list": { input: () => undefined, expect: everyone("ok") },
  "decisions.get": { input: (s) => ({ decisionId: s.decision.id }), expect: everyone("ok") },
  "decisions.open": {
    input: (s) => ({
      question: "¿Dónde recibimos a la caravana?",
      method: "irv",
      meetingPointIds: [s.pointA.id, s.pointB.id],
      timeZone: "America/Tijuana",
      closesDate: formatInTimeZone(new Date(Date.now() + 86_400_000), "America/Tijuana", "yyyy-MM-dd"),
      closesTime: "18:00",
      quorum: 1,
    }),
    expect: only(["coordinator", "admin"]),
  },
  // Whom an opener may name to run it: for those who may open a decision.
  "decisions.coordinatorChoices": { input: () => undefined, expect: only(["coordinator", "admin"]) },
  // Organizers and coordinators of the verified group vote for it; nobody else can vote for it.
  "decisions.vote": {
    input: (s) => ({ decisionId: s.decision.id, groupId: s.group.id, choices: [s.pointA.id] }),
    expect: only(["organizer", "coordinator"]),
  },
  // The ballots name the options: the people deciding's until the result is published.
  // The people deciding (members of verified groups, caravan delegates, admins) until published.
  "decisions.ballots": {
    input: (s) => ({ decisionId: s.pastDecision.id }),
    expect: {
      ...only(["member", "organizer", "coordinator", "admin", "delegate", "otherDelegate"]),
      anonymous: "FORBIDDEN",
    },
  },
  // The coordinators the decision named when it opened, and admins.
  "decisions.publish": {
    input: (s) => ({ decisionId: s.closedDecision.id, when: "now" }),
    expect: only(["coordinator", "admin"]),
  },
  // Coordinators of verified groups and admins: the people who run the effort.
  "caravans.exportHxl": { input: () => undefined, expect: only(["coordinator", "admin"]) },
  "retention.clocks": { input: () => undefined, expect: only(["admin"]) },
  // Voters object for their own verified group; coordinators of the decision resolve objections.
  "decisions.raiseObjection": {
    input: (s) => ({
      decisionId: s.decision.id,
      groupId: s.group.id,
      meetingPointId: s.pointA.id,
      reason: "Hay un retén de migración en la esquina.",
    }),
    expect: only(["organizer", "coordinator"]),
  },
  "decisions.resolveObjection": {
    input: (s) => ({ objectionId: s.objection.id, resolution: "Nos reuniremos de día, con observadores." }),
    // The decision's own coordinators (the group's coordinator was named when it opened), and admins.
    expect: only(["coordinator", "admin"]),
  },
  // Only the caravan's own delegates withdraw its objection or answer for it: a group's objection
  // is withdrawn by nobody (a decision coordinator resolves it).
  "decisions.withdrawObjection": {
    input: (s) => ({
      objectionId: s.objection.id,
      caravanId: s.caravan.id,
      resolution: "Lo hablamos en asamblea y la retiramos.",
    }),
    expect: only([]),
  },
  "decisions.withdrawObjection (the caravan's own objection)": {
    input: (s) => ({
      objectionId: s.caravanObjection.id,
      caravanId: s.caravan.id,
      resolution: "Lo hablamos en asamblea y la retiramos.",
    }),
    // Its delegate; not the decision's coordinator, an admin, or another caravan's delegate.
    expect: only(["delegate"]),
  },
  // A delegate of a caravan asked to ratify, for that caravan only.
  "decisions.ratify": {
    input: (s) => ({ decisionId: s.ratifying.id, caravanId: s.caravan.id, answer: true }),
    expect: only(["delegate"]),
  },
  "decisions.extendRatification": {
    input: (s) => ({ decisionId: s.ratifying.id, hours: 24 }),
    expect: only(["coordinator", "admin"]),
  },
  "decisions.remindCaravans": {
    input: (s) => ({ decisionId: s.ratifying.id }),
    expect: only(["coordinator", "admin"]),
  },
  "messages.audienceChoices": { input: () => undefined, expect: signedIn() },
  "messages.count": {
    input: (s) => ({ audience: [{ kind: "group", groupId: s.group.id, roles: ["member"] }] }),
    expect: only(["organizer", "coordinator"]),
  },
  "messages.send": {
    input: (s) => ({
      audience: [{ kind: "group", groupId: s.group.id, roles: ["member"] }],
      subjectEs: "Aviso",
      bodyEs: "La garita está cerrada.",
    }),
    expect: only(["organizer", "coordinator"]),
  },
  // The caravan line (the coordinators of every verified group): the caravan's delegates only.
  "messages.send (the caravan line)": {
    input: (s) => ({
      audience: [{ kind: "caravanLine", caravanId: s.caravan.id }],
      subjectEs: "Llegamos el martes",
      bodyEs: "Somos 800 personas.",
    }),
    expect: only(["delegate"]),
  },
  "messages.inbox": { input: () => ({}), expect: signedIn() },
  "messages.unreadCount": { input: () => undefined, expect: signedIn() },
  // Its recipients, its sender and the co-organizers of the group; nobody else knows it exists.
  "messages.get": {
    input: (s) => ({ messageId: s.message.id }),
    expect: { ...signedIn("NOT_FOUND"), member: "ok", organizer: "ok", coordinator: "ok" },
  },
  // Marking a message one did not receive changes nothing, and says nothing.
  "messages.markRead": { input: (s) => ({ messageId: s.message.id }), expect: signedIn() },
  // Only a recipient replies in their own thread (the organizers answer in a recipient's thread).
  "messages.reply": {
    input: (s) => ({ messageId: s.message.id, body: "Entendido." }),
    expect: { ...signedIn("NOT_FOUND"), member: "ok" },
  },
  "messages.sent": { input: () => undefined, expect: signedIn() },
  "messages.retryFailed": {
    input: (s) => ({ messageId: s.message.id }),
    expect: { ...signedIn("NOT_FOUND"), organizer: "ok", coordinator: "ok" },
  },
  "messages.preferences": { input: () => undefined, expect: signedIn() },
  "messages.setPreferences": { input: () => ({ emailMessages: false }), expect: signedIn() },
  "messages.live": { input: () => undefined, expect: signedIn(), committed: true },
  // A person's own number for SMS: anyone signed in, for themselves only.
  "sms.phone": { input: () => undefined, expect: signedIn() },
  "sms.requestCode": {
    // A new number each call: codes to one number are limited to 5 an hour.
    input: () => ({ number: `+52664${String(Math.floor(1_000_000 + Math.random() * 8_999_999))}` }),
    expect: signedIn(),
  },
  "sms.confirmCode": { input: () => ({ code: "123456" }), expect: signedIn("BAD_REQUEST") },
  "sms.setChoice": { input: () => ({ smsMessages: "all" }), expect: signedIn("BAD_REQUEST") },
  "sms.removePhone": { input: () => undefined, expect: signedIn() },
  "sms.unmatched": { input: () => undefined, expect: only(["admin"]) },
  "sms.volume": { input: () => undefined, expect: only(["admin"]) },
  // Everyone reads caravans; what each caravan shows depends on the reader (caravans.test.ts).
  "home.mine": { input: () => undefined, expect: signedIn() },
  // Coordinators and organizers of any group, and admins: what each sees is in home.test.ts.
  "coordinate.overview": { input: () => undefined, expect: only(["organizer", "coordinator", "admin"]) },
  // The gazetteer: public data, for the forms behind sign-in.
  "places.search": { input: () => ({ query: "Tijuana" }), expect: signedIn() },
  "places.nearest": { input: () => ({ latitude: 32.53, longitude: -117.02 }), expect: signedIn() },
  "caravans.list": { input: () => undefined, expect: everyone("ok") },
  "caravans.get": { input: (s) => ({ caravanId: s.caravan.id }), expect: everyone("ok") },
  "caravans.create": { input: () => ({ details: caravanDetails() }), expect: only(["coordinator", "admin"]) },
  "caravans.update": {
    input: (s) => ({ caravanId: s.caravan.id, details: caravanDetails() }),
    expect: only(["coordinator", "admin", "delegate"]),
  },
  "caravans.addDelegate": {
    input: (s) => ({ caravanId: s.caravan.id, email: s.people.stranger.email }),
    expect: only(["coordinator", "admin", "delegate"]),
  },
  "caravans.removeDelegate": {
    input: (s) => ({ caravanId: s.caravan.id, userId: s.people.target.id }),
    expect: only(["coordinator", "admin", "delegate"]),
  },
  // Delegates and members of verified groups; admins are neither here.
  "caravans.report": {
    input: (s) => ({
      caravanId: s.caravan.id,
      placeName: "Juchitán, Oaxaca",
      latitude: 16.43,
      longitude: -95.02,
      headcount: 850,
      needs: [{ kind: "water", quantity: 850 }],
    }),
    expect: only(["member", "organizer", "coordinator", "delegate"]),
  },
  // The report came from the group itself: its member and organizer are not a second group.
  "caravans.confirm": { input: (s) => ({ reportId: s.report.id }), expect: only(["coordinator", "admin"]) },
  "needs.board": { input: () => undefined, expect: only(["member", "organizer", "coordinator", "admin"]) },
  "needs.pledge": {
    input: (s) => ({
      groupId: s.group.id,
      needId: s.need.id,
      what: "Agua",
      quantity: 50,
      byDate: "2026-12-01",
    }),
    expect: only(["organizer", "coordinator"]),
  },
  "needs.withdrawPledge": {
    input: (s) => ({ groupId: s.group.id, pledgeId: s.pledge.id }),
    expect: only(["organizer", "coordinator"]),
  },
  "needs.deliverPledge": {
    input: (s) => ({ groupId: s.group.id, pledgeId: s.pledge.id }),
    expect: only(["organizer", "coordinator"]),
  },
  "signing.keys": { input: () => undefined, expect: everyone("ok") },
  "signing.check": { input: () => ({ text: "PUENTE https://x ID: …" }), expect: everyone("ok") },
  "signing.byCode": { input: () => ({ code: "K7Q4M-Z9TXW" }), expect: everyone("ok") },
  // An urgent message's statement: for whoever may read the message, and no one else.
  "signing.about": {
    input: (s) => ({ subject: "message", id: s.message.id }),
    expect: {
      ...everyone("NOT_FOUND"),
      member: "ok",
      organizer: "ok",
      coordinator: "ok",
    },
  },
};

const UNDO = Symbol("undo");

/** Runs `work` in a transaction (a savepoint, inside another), then undoes whatever it did. */
async function undone<T>(db: Database, work: (db: Database) => Promise<T>): Promise<T> {
  let result!: T;
  try {
    await db.transaction(async (tx) => {
      result = await work(tx as unknown as Database);
      throw UNDO;
    });
  } catch (error) {
    if (error !== UNDO) throw error;
  }
  return result;
}

/** A row's procedure: "messages.send (the caravan line)" is messages.send. */
const procedureOf = (row: string) => row.split(" ")[0]!;

async function outcomeOf(db: Database, s: Scenario, row: string, caller: Caller): Promise<Outcome> {
  const actor = caller === "anonymous" ? null : s.people[caller];
  const api = callerFor(db, actor) as unknown as Record<
    string,
    Record<string, (input: unknown) => Promise<unknown>>
  >;
  const [namespace, name] = procedureOf(row).split(".") as [string, string];
  try {
    const result = await api[namespace]![name]!(table[row]!.input(s));
    // A subscription answers a stream: reading its first event is what runs its checks.
    if (result && typeof result === "object" && Symbol.asyncIterator in result) {
      const events = (result as AsyncIterable<unknown>)[Symbol.asyncIterator]();
      await events.next();
      await events.return?.();
    }
    return "ok";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

describe("authorization", () => {
  it("has an entry for every procedure of the API", () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    const rows = Object.keys(table).map(procedureOf);
    expect(procedures.filter((path) => !rows.includes(path))).toEqual([]);
    expect(rows.filter((path) => !procedures.includes(path))).toEqual([]);
  });

  for (const path of Object.keys(table)) {
    // One scenario per procedure, and each caller's call undone before the next one's: every call
    // meets the same scenario, as if built anew for it, at a tenth of the cost.
    it(`${path}: lets exactly the right callers through`, async () => {
      const outcomes: Record<string, Outcome> = {};
      if (table[path]!.committed) {
        for (const caller of callers)
          outcomes[caller] = await outcomeOf(handle.db, await scenario(handle.db), path, caller);
      } else {
        await undone(handle.db, async (db) => {
          const s = await scenario(db);
          for (const caller of callers)
            outcomes[caller] = await undone(db, (call) => outcomeOf(call, s, path, caller));
        });
      }
      expect(outcomes).toEqual(table[path]!.expect);
    });
  }
});
