// Procedure builders for objects that belong to someone: each loads the object its input names,
// checks the caller's role on it by the domain's own rules (server/<noun>/access.ts), and hands
// the loaded object to the handler in ctx, so that a procedure's first line says its real audience.
import { eq } from "drizzle-orm";
import { caravans, safetyObjections } from "@/db/schema";
import { actionAccess, isOrganizer, shiftAccess, signupAccess, type ActionAccess } from "./actions/access";
import { actionIdInput, shiftIdInput, signupIdInput } from "./actions/inputs";
import {
  requireCaravanCoordinator,
  requireCaravanEditor,
  requireCaravanReporter,
  requireCaravanViewer,
  requireReportConfirmer,
  type CaravanReporter,
} from "./caravans/access";
import { caravanIdInput, confirmInput } from "./caravans/inputs";
import { requireOrganizer } from "./coordinate/access";
import {
  requireAskedCaravan,
  requireCaravanDelegate,
  requireCoordinatorOf,
  requireDecisionCoordinator,
  requireGroupVoter,
} from "./decisions/access";
import { decisionIdInput, objectionIdInput, voterInput } from "./decisions/inputs";
import { DomainError, notFound } from "./errors";
import { messageStanding, writableThread, type MessageStanding } from "./messages/access";
import { requireMeetingPointReviewer, requireVisibleMeetingPoint } from "./meeting-points/access";
import { meetingPointIdInput } from "./meeting-points/inputs";
import { messageIdInput, threadInput } from "./messages/inputs";
import { signedInProcedure } from "./trpc";

const actionRoles = { organizer: isOrganizer } satisfies Record<string, (action: ActionAccess) => boolean>;
type ActionRole = keyof typeof actionRoles;

function requireActionRole(action: ActionAccess, roles: ActionRole[]) {
  if (!roles.some((role) => actionRoles[role](action)))
    throw new DomainError("FORBIDDEN", "notActionOrganizer");
  return action;
}

/**
 * The input's `actionId`, for `roles` of it ("organizer": its group's active coordinators and
 * organizers). A members-only action does not exist for outsiders (NOT_FOUND); others are refused
 * (FORBIDDEN). The handler gets the action as ctx.action.
 */
export function onAction(...roles: ActionRole[]) {
  return signedInProcedure.input(actionIdInput).use(async ({ ctx, input, next }) => {
    const action = requireActionRole(await actionAccess(ctx.db, ctx.actor, input.actionId), roles);
    return next({ ctx: { ...ctx, action } });
  });
}

/** The input's `shiftId`, for `roles` of its action, as `onAction`; the action is ctx.action. */
export function onShift(...roles: ActionRole[]) {
  return signedInProcedure.input(shiftIdInput).use(async ({ ctx, input, next }) => {
    const action = requireActionRole(await shiftAccess(ctx.db, ctx.actor, input.shiftId), roles);
    return next({ ctx: { ...ctx, action } });
  });
}

/**
 * The input's `signupId`, for `roles` of its action, as `onAction`: the action is ctx.action, the
 * signup (its status and its shift's start) ctx.signup.
 */
export function onSignup(...roles: ActionRole[]) {
  return signedInProcedure.input(signupIdInput).use(async ({ ctx, input, next }) => {
    const { signup, action } = await signupAccess(ctx.db, ctx.actor, input.signupId);
    requireActionRole(action, roles);
    return next({ ctx: { ...ctx, action, signup } });
  });
}

interface LoadedCaravan {
  id: string;
  status: (typeof caravans.$inferSelect)["status"];
}
type CaravanRole = "coordinator" | "editor" | "reporter";
type CaravanFor<R extends CaravanRole> = R extends "reporter"
  ? LoadedCaravan & { reporter: CaravanReporter }
  : LoadedCaravan;

/**
 * The input's `caravanId`, for "coordinator" (coordinators of verified groups and admins), "editor"
 * (its delegates, the coordinators of the group that registered it, and admins, who change its
 * name, status and delegates) or "reporter" (its delegates and members of verified groups, who say
 * where it is; ctx.caravan.reporter says which). The handler gets the caravan as ctx.caravan.
 */
export function onCaravan<R extends CaravanRole>(role: R) {
  return signedInProcedure.input(caravanIdInput).use(async ({ ctx, input, next }) => {
    // Being a coordinator does not depend on the caravan: refused before it is looked up, so a
    // refusal says nothing of which ids exist.
    if (role === "coordinator") await requireCaravanCoordinator(ctx.db, ctx.actor);
    const [row] = await ctx.db
      .select({ id: caravans.id, status: caravans.status })
      .from(caravans)
      .where(eq(caravans.id, input.caravanId));
    if (!row) throw notFound();
    if (role === "editor") await requireCaravanEditor(ctx.db, ctx.actor, row.id);
    const caravan =
      role === "reporter"
        ? { ...row, reporter: await requireCaravanReporter(ctx.db, ctx.actor, row.id) }
        : row;
    return next({ ctx: { ...ctx, caravan: caravan as CaravanFor<R> } });
  });
}

const reportRoles = { confirmer: requireReportConfirmer };

/**
 * The input's `reportId`, for its "confirmer"s: members of a verified group other than the
 * reporter's (confirming for `groupId`, or their first such group), coordinators of verified groups
 * and admins; never the reporter. The handler gets the report as ctx.report.
 */
export function onReport(role: keyof typeof reportRoles) {
  return signedInProcedure.input(confirmInput).use(async ({ ctx, input, next }) => {
    const report = await reportRoles[role](ctx.db, ctx.actor, input);
    return next({ ctx: { ...ctx, report } });
  });
}

type MessageRole = "recipient" | "organizer";

/**
 * The input's `messageId`, for its recipients and/or its organizers (the sender and the
 * co-organizers of the groups it went to). To anyone else it does not exist (NOT_FOUND). The
 * handler gets the caller's standing as ctx.message.
 */
export function onMessage(...roles: MessageRole[]) {
  return signedInProcedure.input(messageIdInput).use(async ({ ctx, input, next }) => {
    const message: MessageStanding | null = await messageStanding(ctx.db, ctx.actor, input.messageId);
    const allowed =
      message &&
      ((roles.includes("recipient") && message.received) ||
        (roles.includes("organizer") && message.organizes));
    if (!allowed) throw notFound();
    return next({ ctx: { ...ctx, message } });
  });
}

/**
 * The input's `messageId` and thread (`threadUserId`, the caller's own when left out), for who may
 * write in it: a "recipient" in their own thread, an "organizer" in any recipient's. To anyone else
 * it does not exist (NOT_FOUND). The handler gets the thread as ctx.thread.
 */
export function onThread(...roles: MessageRole[]) {
  return signedInProcedure.input(threadInput).use(async ({ ctx, input, next }) => {
    const thread = await writableThread(ctx.db, ctx.actor, roles, input);
    if (!thread) throw new DomainError("NOT_FOUND", "messageNotReceived");
    return next({ ctx: { ...ctx, thread } });
  });
}

/** Coordinators of verified groups and admins, who create and edit caravans and export them. */
export const caravanCoordinatorProcedure = signedInProcedure.use(async ({ ctx, next }) => {
  await requireCaravanCoordinator(ctx.db, ctx.actor);
  return next();
});

/**
 * Who reads every caravan in full, with headcounts and needs (the needs board): active members of
 * verified groups, and admins. The caller's caravan access is ctx.caravanViewer.
 */
export const caravanViewerProcedure = signedInProcedure.use(async ({ ctx, next }) => {
  const caravanViewer = await requireCaravanViewer(ctx.db, ctx.actor);
  return next({ ctx: { ...ctx, caravanViewer } });
});

/**
 * Coordinators and organizers of any group, verified or not, and admins: who read the overview.
 * The groups they organize are ctx.organizedGroups.
 */
export const organizerProcedure = signedInProcedure.use(async ({ ctx, next }) => {
  const organizedGroups = await requireOrganizer(ctx.db, ctx.actor);
  return next({ ctx: { ...ctx, organizedGroups } });
});

/** Coordinators of verified groups and admins, who may open a meeting-point decision. */
export const decisionCoordinatorProcedure = signedInProcedure.use(async ({ ctx, next }) => {
  await requireDecisionCoordinator(ctx.db, ctx.actor);
  return next();
});

/**
 * A voter for the group or caravan the input names (`groupId` or `caravanId`): an active
 * coordinator or organizer of that verified group, or a delegate of that caravan. Who they vote
 * for is ctx.voter. The decision itself is read by the handler, under the lock the count needs.
 */
export const voterProcedure = signedInProcedure.input(voterInput).use(async ({ ctx, input, next }) => {
  const voter = input.caravanId
    ? await requireCaravanDelegate(ctx.db, ctx.actor, input.caravanId)
    : await requireGroupVoter(ctx.db, ctx.actor, input.groupId!);
  return next({ ctx: { ...ctx, voter } });
});

type DecisionRole = "coordinator";

/**
 * The input's `decisionId`, for its "coordinator"s: the people it named when it opened, and admins.
 * The handler reads the decision itself (under the lock its count needs).
 */
export function onDecision(role: DecisionRole) {
  return signedInProcedure.input(decisionIdInput).use(async ({ ctx, input, next }) => {
    if (role === "coordinator") await requireCoordinatorOf(ctx.db, ctx.actor, input.decisionId);
    return next();
  });
}

/** The input's `objectionId`, for `role` of its decision, as `onDecision`. */
export function onObjection(role: DecisionRole) {
  return signedInProcedure.input(objectionIdInput).use(async ({ ctx, input, next }) => {
    const [objection] = await ctx.db
      .select({ decisionId: safetyObjections.decisionId })
      .from(safetyObjections)
      .where(eq(safetyObjections.id, input.objectionId));
    if (!objection) throw notFound();
    if (role === "coordinator") await requireCoordinatorOf(ctx.db, ctx.actor, objection.decisionId);
    return next();
  });
}

const meetingPointRoles = { reader: requireVisibleMeetingPoint };

/**
 * The input's `meetingPointId`, for its "reader"s: anyone signed in for a public place, only the
 * people deciding (members of verified groups, caravan delegates, admins) for a candidate hidden
 * while its decision is open; to others it does not exist (NOT_FOUND). It is ctx.meetingPoint.
 */
export function onMeetingPoint(role: keyof typeof meetingPointRoles) {
  return signedInProcedure.input(meetingPointIdInput).use(async ({ ctx, input, next }) => {
    const meetingPoint = await meetingPointRoles[role](ctx.db, ctx.actor, input.meetingPointId);
    return next({ ctx: { ...ctx, meetingPoint } });
  });
}

/**
 * Who shortlists and rejects proposed meeting points: admins, reviewers an admin named, and the
 * coordinators of a decision still open (server/meeting-points/access.ts).
 */
export const meetingPointReviewerProcedure = signedInProcedure.use(async ({ ctx, next }) => {
  await requireMeetingPointReviewer(ctx.db, ctx.actor);
  return next();
});

/**
 * A delegate of the caravan the input names (`caravanId`): they speak for it (ctx.voter). Used
 * where only the caravan itself may act, such as withdrawing its objection.
 */
export const delegateProcedure = signedInProcedure.input(caravanIdInput).use(async ({ ctx, input, next }) => {
  const voter = await requireCaravanDelegate(ctx.db, ctx.actor, input.caravanId);
  return next({ ctx: { ...ctx, voter } });
});

/**
 * A delegate of a caravan asked to ratify the decision's winner (`decisionId`, `caravanId`): any
 * of its delegates answers for it. Which winner is asked about is checked under the decision's lock.
 */
export const ratifierProcedure = delegateProcedure
  .input(decisionIdInput)
  .use(async ({ ctx, input, next }) => {
    await requireAskedCaravan(ctx.db, input.decisionId, input.caravanId);
    return next();
  });
