// Caravans, their reports, and the needs board: who may call what, then the domain functions.
import {
  adminProcedure,
  inGroupProcedure,
  postingLimit,
  publicProcedure,
  router,
  signedInProcedure,
} from "../trpc";
import {
  addDelegate,
  confirmReport,
  createCaravan,
  getCaravan,
  listCaravans,
  postReport,
  removeDelegate,
  updateCaravan,
} from "./caravans";
import {
  addDelegateInput,
  caravanIdInput,
  confirmInput,
  createCaravanInput,
  pledgeIdInput,
  pledgeInput,
  removeDelegateInput,
  reportInput,
  updateCaravanInput,
} from "./inputs";
import { deliverPledge, needsBoard, pledge, withdrawPledge } from "./needs";
import { hxlExport } from "./hxl";

export const caravansRouter = router({
  list: publicProcedure.query(({ ctx }) => listCaravans(ctx.db, ctx.actor)),

  exportHxl: signedInProcedure.query(({ ctx }) => hxlExport(ctx.db, ctx.actor)),

  get: publicProcedure
    .input(caravanIdInput)
    .query(({ ctx, input }) => getCaravan(ctx.db, ctx.actor, input.caravanId)),

  create: signedInProcedure
    .input(createCaravanInput)
    .use(postingLimit)
    .mutation(({ ctx, input }) => createCaravan(ctx.db, ctx.actor, input.details)),

  update: signedInProcedure
    .input(updateCaravanInput)
    .use(postingLimit)
    .mutation(({ ctx, input }) => updateCaravan(ctx.db, ctx.actor, input.caravanId, input.details)),

  addDelegate: adminProcedure
    .input(addDelegateInput)
    .mutation(({ ctx, input }) => addDelegate(ctx.db, ctx.actor, input.caravanId, input.email)),

  removeDelegate: adminProcedure
    .input(removeDelegateInput)
    .mutation(({ ctx, input }) => removeDelegate(ctx.db, ctx.actor, input.caravanId, input.userId)),

  report: signedInProcedure
    .input(reportInput)
    .use(postingLimit)
    .mutation(({ ctx, input }) => postReport(ctx.db, ctx.actor, input)),

  confirm: signedInProcedure
    .input(confirmInput)
    .mutation(({ ctx, input }) => confirmReport(ctx.db, ctx.actor, input)),
});

export const needsRouter = router({
  board: signedInProcedure.query(({ ctx }) => needsBoard(ctx.db, ctx.actor)),

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
