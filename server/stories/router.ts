// Stories: telling one (anyone), reading them (anyone), withdrawing one (whoever holds its link),
// and reviewing them (reviewers: admins and the people an admin made reviewers).
import { postingLimit, publicProcedure, reviewerProcedure, router } from "../trpc";
import {
  listStoriesInput,
  reviewStoryInput,
  storyIdInput,
  submitStoryInput,
  withdrawTokenInput,
} from "./inputs";
import { declineStory, publishStory, saveReview, storyQueue } from "./review";
import {
  describeWithdrawal,
  getPublishedStory,
  listPublishedStories,
  submitStory,
  withdrawStory,
} from "./stories";

export const storiesRouter = router({
  list: publicProcedure
    .input(listStoriesInput)
    .query(({ ctx, input }) => listPublishedStories(ctx.db, input)),

  byId: publicProcedure
    .input(storyIdInput)
    .query(({ ctx, input }) => getPublishedStory(ctx.db, input.storyId)),

  submit: publicProcedure.input(submitStoryInput).mutation(({ ctx, input }) =>
    submitStory(ctx.db, input, {
      locale: ctx.locale,
      origin: ctx.origin,
      // Callers without an address (none over HTTP) share one limit rather than escape it.
      clientKey: ctx.clientKey ?? "unknown",
    }),
  ),

  withdrawal: publicProcedure
    .input(withdrawTokenInput)
    .query(({ ctx, input }) => describeWithdrawal(ctx.db, input.token)),

  withdraw: publicProcedure
    .input(withdrawTokenInput)
    .mutation(({ ctx, input }) => withdrawStory(ctx.db, input.token)),

  queue: reviewerProcedure.query(({ ctx }) => storyQueue(ctx.db)),

  saveReview: reviewerProcedure
    .input(reviewStoryInput)
    .use(postingLimit)
    .mutation(({ ctx, input }) => saveReview(ctx.db, ctx.actor, input)),

  publish: reviewerProcedure
    .input(reviewStoryInput)
    .use(postingLimit)
    .mutation(({ ctx, input }) => publishStory(ctx.db, ctx.actor, input)),

  decline: reviewerProcedure
    .input(storyIdInput)
    .mutation(({ ctx, input }) => declineStory(ctx.db, ctx.actor, input.storyId)),
});
