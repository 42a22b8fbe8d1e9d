// Meeting points and decisions: who may call what, then the domain functions.
import { inGroupProcedure, postingLimit, publicProcedure, router, signedInProcedure } from "../trpc";
import { castBallot, ballotsForRecount, getDecision, listDecisions, openDecision } from "./decisions";
import {
  commentInput,
  decisionIdInput,
  meetingPointDetailsInput,
  meetingPointIdInput,
  openDecisionInput,
  raiseObjectionInput,
  rejectInput,
  resolveObjectionInput,
  voteInput,
} from "./inputs";
import {
  chosenMeetingPoint,
  commentOnMeetingPoint,
  getMeetingPoint,
  listMeetingPoints,
  proposeMeetingPoint,
  rejectMeetingPoint,
  shortlistMeetingPoint,
} from "./meeting-points";
import { raiseObjection, resolveObjection } from "./objections";
import { z } from "zod";

export const meetingPointsRouter = router({
  list: publicProcedure.query(({ ctx }) => listMeetingPoints(ctx.db)),

  chosen: publicProcedure.query(({ ctx }) => chosenMeetingPoint(ctx.db)),

  get: publicProcedure
    .input(meetingPointIdInput)
    .query(({ ctx, input }) => getMeetingPoint(ctx.db, ctx.actor, input.meetingPointId)),

  propose: inGroupProcedure("coordinator", "organizer")
    .input(z.object({ details: meetingPointDetailsInput }))
    .use(postingLimit)
    .mutation(({ ctx, input }) => proposeMeetingPoint(ctx.db, ctx.actor, input.groupId, input.details)),

  comment: signedInProcedure
    .input(commentInput)
    .use(postingLimit)
    .mutation(({ ctx, input }) => commentOnMeetingPoint(ctx.db, ctx.actor, input.meetingPointId, input.body)),

  shortlist: signedInProcedure
    .input(meetingPointIdInput)
    .mutation(({ ctx, input }) => shortlistMeetingPoint(ctx.db, ctx.actor, input.meetingPointId)),

  reject: signedInProcedure
    .input(rejectInput)
    .use(postingLimit)
    .mutation(({ ctx, input }) => rejectMeetingPoint(ctx.db, ctx.actor, input.meetingPointId, input.note)),
});

export const decisionsRouter = router({
  list: publicProcedure.query(({ ctx }) => listDecisions(ctx.db, ctx.actor)),

  get: publicProcedure
    .input(decisionIdInput)
    .query(({ ctx, input }) => getDecision(ctx.db, ctx.actor, input.decisionId)),

  open: signedInProcedure
    .input(openDecisionInput)
    .use(postingLimit)
    .mutation(({ ctx, input }) => openDecision(ctx.db, ctx.actor, input)),

  vote: signedInProcedure.input(voteInput).mutation(({ ctx, input }) => castBallot(ctx.db, ctx.actor, input)),

  ballots: publicProcedure
    .input(decisionIdInput)
    .query(({ ctx, input }) => ballotsForRecount(ctx.db, input.decisionId)),

  raiseObjection: signedInProcedure
    .input(raiseObjectionInput)
    .use(postingLimit)
    .mutation(({ ctx, input }) => raiseObjection(ctx.db, ctx.actor, input)),

  resolveObjection: signedInProcedure
    .input(resolveObjectionInput)
    .use(postingLimit)
    .mutation(({ ctx, input }) => resolveObjection(ctx.db, ctx.actor, input)),
});
