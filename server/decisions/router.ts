// Decisions: who may call what, then the domain functions.
import { decisionCoordinatorProcedure, onDecision, onObjection, voterProcedure } from "../builders";
import { postingLimit, publicProcedure, router } from "../trpc";
import { castBallot, ballotsForRecount, getDecision, listDecisions, openDecision } from "./decisions";
import {
  decisionIdInput,
  openDecisionInput,
  raiseObjectionInput,
  publishDecisionInput,
  resolveObjectionInput,
  voteInput,
} from "./inputs";
import { raiseObjection, resolveObjection } from "./objections";
import { publishDecision } from "./publication";

export const decisionsRouter = router({
  list: publicProcedure.query(({ ctx }) => listDecisions(ctx.db, ctx.actor)),

  get: publicProcedure
    .input(decisionIdInput)
    .query(({ ctx, input }) => getDecision(ctx.db, ctx.actor, input.decisionId)),

  open: decisionCoordinatorProcedure
    .input(openDecisionInput)
    .use(postingLimit)
    .mutation(({ ctx, input }) => openDecision(ctx.db, ctx.actor, input)),

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
});
