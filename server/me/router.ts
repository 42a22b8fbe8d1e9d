import { postingLimit, router, signedInProcedure } from "../trpc";
import { profileInput } from "./inputs";
import { deleteMyAccount, exportMyData } from "./data-rights";
import { endAllSessions, getProfile, updateProfile } from "./me";
import { navigationOf } from "./navigation";

export const meRouter = router({
  profile: signedInProcedure.query(({ ctx }) => getProfile(ctx.db, ctx.actor)),

  /** The header's links and unread count, on every page. */
  navigation: signedInProcedure.query(({ ctx }) => navigationOf(ctx.db, ctx.actor)),

  updateProfile: signedInProcedure
    .input(profileInput)
    .use(postingLimit)
    .mutation(({ ctx, input }) => updateProfile(ctx.db, ctx.actor, input)),

  signOutEverywhere: signedInProcedure.mutation(({ ctx }) => endAllSessions(ctx.db, ctx.actor)),

  export: signedInProcedure.query(({ ctx }) => exportMyData(ctx.db, ctx.actor)),

  deleteAccount: signedInProcedure.mutation(({ ctx }) => deleteMyAccount(ctx.db, ctx.actor)),
});
