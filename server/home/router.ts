// The screens that gather what needs attention: a person's home and the coordinators' overview,
// each read in one call.
import { router, signedInProcedure } from "../trpc";
import { homeOf } from "./home";
import { overviewOf } from "./overview";

export const homeRouter = router({
  mine: signedInProcedure.query(({ ctx }) => homeOf(ctx.db, ctx.actor)),

  /** Coordinators and organizers of any group, and admins (checked in `overviewOf`). */
  overview: signedInProcedure.query(({ ctx }) => overviewOf(ctx.db, ctx.actor)),
});
