// Decisions: who may call what, then the domain functions.
import {
  decisionCoordinatorProcedure,
  delegateProcedure,
  onDecision,
  onObjection,
  ratifierProcedure,
  voterProcedure,
} from "../builders";
import { postingLimit, publicProcedure, router } from "../trpc";
import { coordinatorChoices } from "./access";
import { castBallot, ballotsForRecount, getDecision, listDecisions, openDecision } from "./decisions";
import {
  decisionIdInput,
  extendRatificationInput,
  openDecisionInput,
  raiseObjectionInput,
  publishDecisionInput,
  ratifyInput,
  resolveObjectionInput,
  voteInput,
  withdrawObjectionInput,
} from "./inputs";
import { raiseObjection, resolveObjection, withdrawObjection } from "./objections";
import { publishDecision } from "./publication";
import { answerRatification, extendRatification, remindCaravans } from "./ratification";

export const decisionsRouter = router({
  list: publicProcedure.query(({ ctx }) => listDecisions(ctx.db, ctx.actor)),

  get: publicProcedure
    .input(decisionIdInput)
    .query(({ ctx, input }) => getDecision(ctx.db, ctx.actor, input.decisionId)),

  open: decisionCoordinatorProcedure
    .input(openDecisionInput)
    .use(postingLimit)
    .mutation(({ ctx, input }) => openDecision(ctx.db, ctx.actor, input)),

  // Whom an opener may name to run the decision with them: for those who may open one.
  coordinatorChoices: decisionCoordinatorProcedure.query(({ ctx }) => coordinatorChoices(ctx.db, ctx.actor)),

  vote: voterProcedure
    .input(voteInput)
    .mutation(({ ctx, input }) => castBallot(ctx.db, ctx.actor, ctx.voter, input)),

  ballots: publicProcedure
    .input(decisionIdInput)
    .query(({ ctx, input }) => ballotsForRecount(ctx.db, ctx.actor, input.decisionId)),

  publish: onDecision("coordinator")
    .input(publishDecisionInput)
    .mutation(({ ctx, input }) => publishDecision(ctx.db, ctx.actor, input)),

  raiseObjection: voterProcedure
    .input(raiseObjectionInput)
    .use(postingLimit)
    .mutation(({ ctx, input }) => raiseObjection(ctx.db, ctx.actor, input)),

  resolveObjection: onObjection("coordinator")
    .input(resolveObjectionInput)
    .use(postingLimit)
    .mutation(({ ctx, input }) => resolveObjection(ctx.db, ctx.actor, input)),

  withdrawObjection: delegateProcedure
    .input(withdrawObjectionInput)
    .use(postingLimit)
    .mutation(({ ctx, input }) => withdrawObjection(ctx.db, ctx.actor, ctx.voter, input)),

  ratify: ratifierProcedure
    .input(ratifyInput)
    .mutation(({ ctx, input }) => answerRatification(ctx.db, ctx.actor, input)),

  extendRatification: onDecision("coordinator")
    .input(extendRatificationInput)
    .mutation(({ ctx, input }) => extendRatification(ctx.db, ctx.actor, input)),

  remindCaravans: onDecision("coordinator")
    .use(postingLimit)
    .mutation(({ ctx, input }) => remindCaravans(ctx.db, ctx.actor, input.decisionId)),
});
