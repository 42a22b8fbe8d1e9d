// Caravans and their reports: who may call what, then the domain functions.
import { adminProcedure, postingLimit, publicProcedure, router, signedInProcedure } from "../trpc";
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
  removeDelegateInput,
  reportInput,
  updateCaravanInput,
} from "./inputs";
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
