import { postingLimit, router, signedInProcedure } from "../trpc";
import { profileInput } from "./inputs";
import { deleteMyAccount, exportMyData } from "./data-rights";
import { endAllSessions, getProfile, updateProfile } from "./me";
import { navigationOf } from "./navigation";
import { setTimeZone, timeZoneSetting, timeZoneSettingInput } from "./time-zone";

export const meRouter = router({
  profile: signedInProcedure.query(({ ctx }) => getProfile(ctx.db, ctx.actor)),

  /** The header's links and unread count, on every page. */
  navigation: signedInProcedure.query(({ ctx }) => navigationOf(ctx.db, ctx.actor)),

  updateProfile: signedInProcedure
    .input(profileInput)
    .use(postingLimit)
    .mutation(({ ctx, input }) => updateProfile(ctx.db, ctx.actor, input)),

  /** The zone the person reads times in: one of the border's, or null for their device's. */
  timeZone: signedInProcedure.query(({ ctx }) => timeZoneSetting(ctx.db, ctx.actor)),

  setTimeZone: signedInProcedure
    .input(timeZoneSettingInput)
    .mutation(({ ctx, input }) => setTimeZone(ctx.db, ctx.actor, input)),

  signOutEverywhere: signedInProcedure.mutation(({ ctx }) => endAllSessions(ctx.db, ctx.actor)),

  export: signedInProcedure.query(({ ctx }) => exportMyData(ctx.db, ctx.actor)),

  deleteAccount: signedInProcedure.mutation(({ ctx }) => deleteMyAccount(ctx.db, ctx.actor)),
});
