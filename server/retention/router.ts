// Retention clocks: admins read them; the sweep itself runs from the job queue, never on request.
import { adminProcedure, router } from "../trpc";
import { retentionOverview } from "./retention";

export const retentionRouter = router({
  clocks: adminProcedure.query(({ ctx }) => retentionOverview(ctx.db)),
});
