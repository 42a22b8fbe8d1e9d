// Decisions: who may call what, then the domain functions.
import { postingLimit, publicProcedure, router, signedInProcedure } from "../trpc";
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
