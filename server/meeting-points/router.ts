// Meeting points: candidate places at the border, proposed, discussed and reviewed; who may call
// what, then the domain functions.
import { z } from "zod";
import { meetingPointReviewerProcedure, onMeetingPoint } from "../builders";
import { inGroupProcedure, postingLimit, publicProcedure, router } from "../trpc";
import { commentInput, meetingPointDetailsInput, meetingPointIdInput, rejectInput } from "./inputs";
import { updateMeetingPoint } from "./editing";
import {
  chosenMeetingPoint,
  commentOnMeetingPoint,
  getMeetingPoint,
  listMeetingPoints,
  proposeMeetingPoint,
  rejectMeetingPoint,
  shortlistMeetingPoint,
} from "./meeting-points";

export const meetingPointsRouter = router({
  list: publicProcedure.query(({ ctx }) => listMeetingPoints(ctx.db, ctx.actor)),

  chosen: publicProcedure.query(({ ctx }) => chosenMeetingPoint(ctx.db, ctx.actor)),

  get: publicProcedure
    .input(meetingPointIdInput)
    .query(({ ctx, input }) => getMeetingPoint(ctx.db, ctx.actor, input.meetingPointId)),

  propose: inGroupProcedure("coordinator", "organizer")
    .input(z.object({ details: meetingPointDetailsInput }))
    .use(postingLimit)
    .mutation(({ ctx, input }) => proposeMeetingPoint(ctx.db, ctx.actor, input.groupId, input.details)),

  // The proposing group's coordinators and organizers: the point must be that group's (editing.ts).
  update: inGroupProcedure("coordinator", "organizer")
    .input(meetingPointIdInput.extend({ details: meetingPointDetailsInput }))
    .use(postingLimit)
    .mutation(({ ctx, input }) =>
      updateMeetingPoint(ctx.db, ctx.actor, input.groupId, input.meetingPointId, input.details),
    ),

  // Anyone signed in may discuss a public place; a hidden candidate, only the people deciding.
  comment: onMeetingPoint("reader")
    .input(commentInput)
    .use(postingLimit)
    .mutation(({ ctx, input }) => commentOnMeetingPoint(ctx.db, ctx.actor, ctx.meetingPoint, input.body)),

  shortlist: meetingPointReviewerProcedure
    .input(meetingPointIdInput)
    .mutation(({ ctx, input }) => shortlistMeetingPoint(ctx.db, ctx.actor, input.meetingPointId)),

  reject: meetingPointReviewerProcedure
    .input(rejectInput)
    .use(postingLimit)
    .mutation(({ ctx, input }) => rejectMeetingPoint(ctx.db, ctx.actor, input.meetingPointId, input.note)),
});
