// Reviewers: admins find people, name and unname them.
import { adminProcedure, router } from "../trpc";
import { findPeopleInput, setReviewerInput } from "./inputs";
import { findPeople, listReviewers, setReviewer } from "./reviewers";

export const reviewersRouter = router({
  list: adminProcedure.query(({ ctx }) => listReviewers(ctx.db)),

  find: adminProcedure.input(findPeopleInput).query(({ ctx, input }) => findPeople(ctx.db, input.query)),

  set: adminProcedure
    .input(setReviewerInput)
    .mutation(({ ctx, input }) => setReviewer(ctx.db, ctx.actor, input.userId, input.reviewer)),
});
