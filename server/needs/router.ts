// The needs board: open needs and the pledges groups make against them; who may call what, then the
// domain functions.
import { caravanViewerProcedure } from "../builders";
import { inGroupProcedure, postingLimit, router } from "../trpc";
import { pledgeIdInput, pledgeInput } from "./inputs";
import { deliverPledge, needsBoard, pledge, withdrawPledge } from "./needs";

export const needsRouter = router({
  board: caravanViewerProcedure.query(({ ctx }) => needsBoard(ctx.db, ctx.actor)),

  pledge: inGroupProcedure("coordinator", "organizer")
    .input(pledgeInput)
    .use(postingLimit)
    .mutation(({ ctx, input }) => pledge(ctx.db, ctx.actor, input)),

  withdrawPledge: inGroupProcedure("coordinator", "organizer")
    .input(pledgeIdInput)
    .mutation(({ ctx, input }) => withdrawPledge(ctx.db, ctx.actor, input.groupId, input.pledgeId)),

  deliverPledge: inGroupProcedure("coordinator", "organizer")
    .input(pledgeIdInput)
    .mutation(({ ctx, input }) => deliverPledge(ctx.db, ctx.actor, input.groupId, input.pledgeId)),
});
