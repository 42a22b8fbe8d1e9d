// The coordinators' overview (/coordinate): the whole effort on one screen, read in one call.
import { router, signedInProcedure } from "../trpc";
import { overviewOf } from "./overview";

export const coordinateRouter = router({
  /** Coordinators and organizers of any group, and admins (checked in `overviewOf`). */
  overview: signedInProcedure.query(({ ctx }) => overviewOf(ctx.db, ctx.actor)),
});
