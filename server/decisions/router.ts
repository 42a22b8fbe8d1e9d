// Decisions: who may call what, then the domain functions.
import { decisionCoordinatorProcedure, onObjection, voterProcedure } from "../builders";
import { postingLimit, publicProcedure, router } from "../trpc";
import { castBallot, ballotsForRecount, getDecision, listDecisions, openDecision } from "./decisions";
import {
  decisionIdInput,
  openDecisionInput,
  raiseObjectionInput,
  resolveObjectionInput,
  voteInput,
} from "./inputs";
import { raiseObjection, resolveObjection } from "./objections";

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
    .query(({ ctx, input }) => ballotsForRecount(ctx.db, input.decisionId)),

  raiseObjection: voterProcedure
    .input(raiseObjectionInput)
    .use(postingLimit)
    .mutation(({ ctx, input }) => raiseObjection(ctx.db, ctx.actor, input)),

  resolveObjection: onObjection("coordinator")
    .input(resolveObjectionInput)
    .use(postingLimit)
    .mutation(({ ctx, input }) => resolveObjection(ctx.db, ctx.actor, input)),
});
