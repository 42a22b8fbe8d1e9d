// Reviewers: admins name and unname them.
import { z } from "zod";
import { adminProcedure, router } from "../trpc";
import { userId } from "../text";
import { listReviewers, setReviewer } from "./reviewers";

export const reviewersRouter = router({
  list: adminProcedure.query(({ ctx }) => listReviewers(ctx.db)),

  set: adminProcedure
    .input(z.object({ userId, reviewer: z.boolean() }))
    .mutation(({ ctx, input }) => setReviewer(ctx.db, ctx.actor, input.userId, input.reviewer)),
});
