// A person's home: what needs them now, read in one call.
import { router, signedInProcedure } from "../trpc";
import { homeOf } from "./home";

export const homeRouter = router({
  mine: signedInProcedure.query(({ ctx }) => homeOf(ctx.db, ctx.actor)),
});
