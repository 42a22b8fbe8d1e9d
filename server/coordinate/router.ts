// The coordinators' overview (/coordinate): the whole effort on one screen, read in one call.
import { organizerProcedure } from "../builders";
import { router } from "../trpc";
import { overviewOf } from "./overview";

export const coordinateRouter = router({
  overview: organizerProcedure.query(({ ctx }) => overviewOf(ctx.db, ctx.actor, ctx.organizedGroups)),
});
