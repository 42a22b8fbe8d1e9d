// Border meeting points and the collective decision between them. A ballot belongs to a voter:
// a verified group (`voterKind` 'group', one ballot per decision and group, cast by one of its
// coordinators or organizers), or a caravan (`voterKind` 'delegate', one ballot per decision and
// caravan, cast by one of its delegates). Each has its column and partial unique index; the count
// is the same for both.
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { caravans } from "./caravans";
import { groups } from "./groups";
import { meetingPoints } from "./meeting-points";

export const decisionMethods = ["irv", "approval"] as const;
export type DecisionMethod = (typeof decisionMethods)[number];
export const decisionMethodEnum = pgEnum("decision_method", decisionMethods);

/**
 * `open` until counted; then `closed` (with a winner or none) or `no_quorum`, or `held` when the
 * count's winner has an open group objection: it goes on once a coordinator resolves it. A winner
 * the caravans took part in choosing is `ratifying` until they answer (server/decisions/ratification.ts).
 */
export const decisionStatuses = ["open", "closed", "no_quorum", "held", "ratifying"] as const;
export type DecisionStatus = (typeof decisionStatuses)[number];
export const decisionStatusEnum = pgEnum("decision_status", decisionStatuses);

/**
 * When a decision's options and result become public (before that, only the people deciding see
 * them): `participants` until a coordinator says otherwise; `at` from `publishesAt` (at once: the
 * moment they said so); `never`. Public only once the decision is settled (closed or without quorum).
 */
export const decisionPublications = ["participants", "at", "never"] as const;
export type DecisionPublication = (typeof decisionPublications)[number];
export const decisionPublicationEnum = pgEnum("decision_publication", decisionPublications);

/** How a ballot's choices are counted: the same values as the decision's method. */
export type CountMethod = DecisionMethod;

export type EliminationReason =
  | "unranked"
  | "fewest"
  | "fewestEarlier"
  | "fewestMentions"
  | "lot"
  /** A caravan's safety objection was still open when the decision closed. */
  | "caravanObjection"
  /** The caravans refused to ratify it. */
  | "refusedByCaravans";

/** Why the caravans set an option aside: it leaves the count before any other, in this order. */
export type SetAsideReason = "caravanObjection" | "refusedByCaravans";
export interface SetAside {
  option: string;
  reason: SetAsideReason;
}

export interface Tally {
  option: string;
  votes: number;
}

export interface Round {
  number: number;
  /** Every option still in the count this round, most votes first. */
  tallies: Tally[];
  /** Ballots with no option left to give a vote to. */
  exhausted: number;
  eliminated: string[];
  /** Why `eliminated` went out, when this round did not end the count. */
  reason: EliminationReason | null;
}

/** A decision's count as stored, round by round (computed by server/decisions/count.ts). */
export interface Count {
  method: CountMethod;
  ballots: number;
  rounds: Round[];
  winner: string | null;
  /** How the winner was decided, when it took more than the votes. */
  decidedBy: "votes" | "lot" | null;
  /** The options the caravans set aside before the count (absent in counts stored before them). */
  setAside?: SetAside[];
}

export const voterKinds = ["group", "delegate"] as const;
export const voterKindEnum = pgEnum("voter_kind", voterKinds);

export const decisions = pgTable(
  "decisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    question: text("question").notNull(),
    method: decisionMethodEnum("method").notNull(),
    opensAt: timestamp("opens_at", { withTimezone: true }).notNull(),
    closesAt: timestamp("closes_at", { withTimezone: true }).notNull(),
    /** Ballots needed for the count to choose anything. */
    quorum: integer("quorum").notNull(),
    status: decisionStatusEnum("status").notNull().default("open"),
    /** The stored count, round by round, over meeting point ids. */
    count: jsonb("count").$type<Count>(),
    winnerId: uuid("winner_id").references(() => meetingPoints.id, { onDelete: "set null" }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** Options the caravans set aside (an objection open at closing, a refusal), in order. */
    setAside: jsonb("set_aside").$type<SetAside[]>().notNull().default([]),
    /** How long the caravans have to ratify a winner, and when the current window ends. */
    ratifyHours: integer("ratify_hours").notNull().default(48),
    ratifyBy: timestamp("ratify_by", { withTimezone: true }),
    openedBy: text("opened_by").references(() => users.id, { onDelete: "set null" }),
    publication: decisionPublicationEnum("publication").notNull().default("participants"),
    publishesAt: timestamp("publishes_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (d) => [
    index("decisions_status_idx").on(d.status, d.closesAt),
    check("decisions_closes_after_opening", sql`${d.closesAt} > ${d.opensAt}`),
    check("decisions_quorum_positive", sql`${d.quorum} > 0`),
    check("decisions_publication_time", sql`(${d.publication} = 'at') = (${d.publishesAt} is not null)`),
  ],
);

/** The people who run a decision, named when it opens: the opener and the coordinators they name. */
export const decisionCoordinators = pgTable(
  "decision_coordinators",
  {
    decisionId: uuid("decision_id")
      .notNull()
      .references(() => decisions.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (c) => [
    primaryKey({ columns: [c.decisionId, c.userId] }),
    index("decision_coordinators_user_idx").on(c.userId),
  ],
);

export const decisionOptions = pgTable(
  "decision_options",
  {
    decisionId: uuid("decision_id")
      .notNull()
      .references(() => decisions.id, { onDelete: "cascade" }),
    meetingPointId: uuid("meeting_point_id")
      .notNull()
      .references(() => meetingPoints.id, { onDelete: "restrict" }),
    /** The order the options are listed in; it plays no part in the count. */
    position: integer("position").notNull(),
  },
  (o) => [primaryKey({ columns: [o.decisionId, o.meetingPointId] })],
);

/**
 * One voter's ballot in one decision; casting again replaces it (the last ballot counts). Secret:
 * who cast it is kept only so the voter's own group sees its ballot; the count and the CSV never
 * carry it.
 */
export const ballots = pgTable(
  "ballots",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    decisionId: uuid("decision_id")
      .notNull()
      .references(() => decisions.id, { onDelete: "cascade" }),
    voterKind: voterKindEnum("voter_kind").notNull(),
    groupId: uuid("group_id").references(() => groups.id, { onDelete: "cascade" }),
    caravanId: uuid("caravan_id").references(() => caravans.id, { onDelete: "cascade" }),
    castBy: text("cast_by").references(() => users.id, { onDelete: "set null" }),
    /** Meeting point ids, first choice first (approval: the approved ones). */
    choices: uuid("choices").array().notNull(),
    castAt: timestamp("cast_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (b) => [
    uniqueIndex("ballots_decision_group_idx")
      .on(b.decisionId, b.groupId)
      .where(sql`${b.voterKind} = 'group'`),
    uniqueIndex("ballots_decision_caravan_idx")
      .on(b.decisionId, b.caravanId)
      .where(sql`${b.caravanId} is not null`),
    check("ballots_group_voter_has_group", sql`${b.voterKind} <> 'group' or ${b.groupId} is not null`),
    // A group's ballot has no caravan; any other (a delegate's) has one. Said without naming
    // 'delegate': a value added to an enum cannot be used in the migration that adds it.
    check("ballots_caravan_only_for_delegates", sql`(${b.voterKind} = 'group') = (${b.caravanId} is null)`),
    check("ballots_not_empty", sql`cardinality(${b.choices}) > 0`),
  ],
);

/**
 * A voter's safety objection to one option of a decision. While unresolved it blocks that option
 * from being chosen; a coordinator resolves it in writing, and the resolution is shown beside the
 * count.
 */
export const safetyObjections = pgTable(
  "safety_objections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    decisionId: uuid("decision_id")
      .notNull()
      .references(() => decisions.id, { onDelete: "cascade" }),
    meetingPointId: uuid("meeting_point_id")
      .notNull()
      .references(() => meetingPoints.id, { onDelete: "cascade" }),
    /** The voting group the objection is raised for. */
    groupId: uuid("group_id").references(() => groups.id, { onDelete: "set null" }),
    /** The caravan a delegate raised it for: only that caravan's delegates may withdraw it. */
    caravanId: uuid("caravan_id").references(() => caravans.id, { onDelete: "set null" }),
    raisedBy: text("raised_by").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    resolution: text("resolution"),
    resolvedBy: text("resolved_by").references(() => users.id, { onDelete: "set null" }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (o) => [
    index("safety_objections_decision_idx").on(o.decisionId, o.meetingPointId),
    check(
      "safety_objections_resolved_in_writing",
      sql`(${o.resolvedAt} is null) = (${o.resolution} is null)`,
    ),
  ],
);

/**
 * A caravan asked to ratify a decision's winner: one row per caravan that took part (cast a ballot
 * or raised an objection) and candidate. `answer` stays null until one of its delegates answers;
 * any of them may change it until the ratification is settled.
 */
export const ratifications = pgTable(
  "ratifications",
  {
    decisionId: uuid("decision_id")
      .notNull()
      .references(() => decisions.id, { onDelete: "cascade" }),
    meetingPointId: uuid("meeting_point_id")
      .notNull()
      .references(() => meetingPoints.id, { onDelete: "cascade" }),
    caravanId: uuid("caravan_id")
      .notNull()
      .references(() => caravans.id, { onDelete: "cascade" }),
    answer: boolean("answer"),
    answeredBy: text("answered_by").references(() => users.id, { onDelete: "set null" }),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    askedAt: timestamp("asked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (r) => [
    primaryKey({ columns: [r.decisionId, r.meetingPointId, r.caravanId] }),
    index("ratifications_caravan_idx").on(r.caravanId),
  ],
);
