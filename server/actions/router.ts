// Actions, shifts and signups.
import { z } from "zod";
import { onAction, onShift, onSignup } from "../builders";
import { consumeForPerson, SIGNUPS_PER_ADDRESS, SIGNUPS_PER_PERSON } from "../rate-limits";
import { consumeSignInRequest } from "../sign-in-limits";
import { inGroupProcedure, postingLimit, publicProcedure, router, signedInProcedure } from "../trpc";
import { cancelAction, createAction, getAction, listActions, updateAction } from "./actions";
import { createCalendarFeed, hasCalendarFeed, revokeCalendarFeed } from "./calendar";
import {
  actionDetailsInput,
  actionIdInput,
  actionListInput,
  checkInInput,
  firstShiftInput,
  signUpByEmailInput,
  signUpInput,
  shiftDetailsInput,
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
    .input(z.object({ details: actionDetailsInput, firstShift: firstShiftInput.optional() }))
    .use(postingLimit)
    .mutation(({ ctx, input }) =>
      createAction(ctx.db, ctx.actor, input.groupId, input.details, input.firstShift),
    ),

  update: onAction("organizer")
    .input(z.object({ details: actionDetailsInput }))
    .use(postingLimit)
    .mutation(({ ctx, input }) => updateAction(ctx.db, ctx.actor, ctx.action, input.details)),

  cancel: onAction("organizer").mutation(({ ctx }) => cancelAction(ctx.db, ctx.actor, ctx.action)),

  addShift: onAction("organizer")
    .input(shiftDetailsInput)
    .use(postingLimit)
    .mutation(({ ctx, input }) => addShift(ctx.db, ctx.action, input)),

  updateShift: onShift("organizer")
    .input(shiftDetailsInput)
    .use(postingLimit)
    .mutation(({ ctx, input }) => updateShift(ctx.db, ctx.action, input.shiftId, input)),

  // Anyone signed in, for a shift they can see (checked in signUp: members-only actions are hidden).
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

  // Their own signup only (anyone else's does not exist for them).
  cancelSignup: signedInProcedure
    .input(z.object({ signupId: z.uuid() }))
    .mutation(({ ctx, input }) => cancelSignup(ctx.db, ctx.actor, input.signupId)),

  mine: signedInProcedure.query(({ ctx }) => mySignups(ctx.db, ctx.actor)),

  roster: onAction("organizer").query(({ ctx }) => roster(ctx.db, ctx.action.actionId)),

  checkIn: onSignup("organizer")
    .input(checkInInput)
    .mutation(({ ctx, input }) => checkIn(ctx.db, ctx.signup, input.attended)),

  calendarFeed: signedInProcedure.query(({ ctx }) => hasCalendarFeed(ctx.db, ctx.actor)),

  createCalendarFeed: signedInProcedure.mutation(({ ctx }) =>
    createCalendarFeed(ctx.db, ctx.actor, ctx.origin),
  ),

  revokeCalendarFeed: signedInProcedure.mutation(({ ctx }) => revokeCalendarFeed(ctx.db, ctx.actor)),
});
