// Caravans and their reports: who may call what, then the domain functions.
import { caravanCoordinatorProcedure, onCaravan, onReport } from "../builders";
import { postingLimit, publicProcedure, router } from "../trpc";
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
  createCaravanInput,
  removeDelegateInput,
  reportInput,
  updateCaravanInput,
} from "./inputs";
import { hxlExport } from "./hxl";

export const caravansRouter = router({
  list: publicProcedure.query(({ ctx }) => listCaravans(ctx.db, ctx.actor)),

  exportHxl: caravanCoordinatorProcedure.query(({ ctx }) => hxlExport(ctx.db, ctx.actor)),

  get: publicProcedure
    .input(caravanIdInput)
    .query(({ ctx, input }) => getCaravan(ctx.db, ctx.actor, input.caravanId)),

  create: caravanCoordinatorProcedure
    .input(createCaravanInput)
    .use(postingLimit)
    .mutation(({ ctx, input }) => createCaravan(ctx.db, ctx.actor, input.details)),

  update: onCaravan("editor")
    .input(updateCaravanInput)
    .use(postingLimit)
    .mutation(({ ctx, input }) => updateCaravan(ctx.db, ctx.actor, input.caravanId, input.details)),

  addDelegate: onCaravan("editor")
    .input(addDelegateInput)
    .mutation(({ ctx, input }) => addDelegate(ctx.db, ctx.actor, input.caravanId, input)),

  removeDelegate: onCaravan("editor")
    .input(removeDelegateInput)
    .mutation(({ ctx, input }) => removeDelegate(ctx.db, ctx.actor, input.caravanId, input.userId)),

  report: onCaravan("reporter")
    .input(reportInput)
    .use(postingLimit)
    .mutation(({ ctx, input }) => postReport(ctx.db, ctx.actor, ctx.caravan, input)),

  confirm: onReport("confirmer").mutation(({ ctx }) => confirmReport(ctx.db, ctx.actor, ctx.report)),
});
