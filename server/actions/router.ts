// Actions, shifts and signups.
import { z } from "zod";
import { consumeForPerson, SIGNUPS_PER_ADDRESS, SIGNUPS_PER_PERSON } from "../rate-limits";
import { consumeSignInRequest } from "../sign-in-limits";
import { inGroupProcedure, postingLimit, publicProcedure, router, signedInProcedure } from "../trpc";
import { organizerAccess } from "./access";
import { cancelAction, createAction, getAction, listActions, updateAction } from "./actions";
import { createCalendarFeed, hasCalendarFeed, revokeCalendarFeed } from "./calendar";
import {
  actionDetailsInput,
  actionIdInput,
  actionListInput,
  addShiftInput,
  checkInInput,
  signUpByEmailInput,
  signUpInput,
  updateShiftInput,
} from "./inputs";
import { addShift, updateShift } from "./shifts";
import { cancelSignup, checkIn, mySignups, recordSignupIntent, roster, signUp } from "./signups";

export const actionsRouter = router({
  list: publicProcedure
    .input(actionListInput)
    .query(({ ctx, input }) => listActions(ctx.db, ctx.actor, input)),

  get: publicProcedure
    .input(actionIdInput)
    .query(({ ctx, input }) => getAction(ctx.db, ctx.actor, input.actionId)),

  create: inGroupProcedure("coordinator", "organizer")
    .input(z.object({ details: actionDetailsInput }))
    .use(postingLimit)
    .mutation(({ ctx, input }) => createAction(ctx.db, ctx.actor, input.groupId, input.details)),

  update: signedInProcedure
    .input(actionIdInput.extend({ details: actionDetailsInput }))
    .use(postingLimit)
    .mutation(({ ctx, input }) => updateAction(ctx.db, ctx.actor, input.actionId, input.details)),

  cancel: signedInProcedure
    .input(actionIdInput)
    .mutation(({ ctx, input }) => cancelAction(ctx.db, ctx.actor, input.actionId)),

  addShift: signedInProcedure
    .input(addShiftInput)
    .use(postingLimit)
    .mutation(({ ctx, input: { actionId, ...shift } }) => addShift(ctx.db, ctx.actor, actionId, shift)),

  updateShift: signedInProcedure
    .input(updateShiftInput)
    .use(postingLimit)
    .mutation(({ ctx, input: { shiftId, ...shift } }) => updateShift(ctx.db, ctx.actor, shiftId, shift)),

  signUp: signedInProcedure.input(signUpInput).mutation(async ({ ctx, input }) => {
    await consumeForPerson(ctx.db, SIGNUPS_PER_PERSON, ctx.actor.id, {
      limit: SIGNUPS_PER_ADDRESS,
      clientKey: ctx.clientKey,
    });
    return signUp(ctx.db, ctx.actor, input);
  }),

  // Someone without an account: the form then emails them a sign-in link, so this counts as
  // asking for one (per address and per email, as the sign-in form does).
  signUpByEmail: publicProcedure.input(signUpByEmailInput).mutation(async ({ ctx, input }) => {
    await consumeSignInRequest(ctx.db, input.email, ctx.clientKey);
    await recordSignupIntent(ctx.db, input);
  }),

  cancelSignup: signedInProcedure
    .input(z.object({ signupId: z.uuid() }))
    .mutation(({ ctx, input }) => cancelSignup(ctx.db, ctx.actor, input.signupId)),

  mine: signedInProcedure.query(({ ctx }) => mySignups(ctx.db, ctx.actor)),

  roster: signedInProcedure.input(actionIdInput).query(async ({ ctx, input }) => {
    await organizerAccess(ctx.db, ctx.actor, input.actionId);
    return roster(ctx.db, input.actionId);
  }),

  checkIn: signedInProcedure
    .input(checkInInput)
    .mutation(({ ctx, input }) => checkIn(ctx.db, ctx.actor, input)),

  calendarFeed: signedInProcedure.query(({ ctx }) => hasCalendarFeed(ctx.db, ctx.actor)),

  createCalendarFeed: signedInProcedure.mutation(({ ctx }) =>
    createCalendarFeed(ctx.db, ctx.actor, ctx.origin),
  ),

  revokeCalendarFeed: signedInProcedure.mutation(({ ctx }) => revokeCalendarFeed(ctx.db, ctx.actor)),
});
