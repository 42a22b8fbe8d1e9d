import { inGroupProcedure, publicProcedure, router } from "../trpc";
import { getGroupBySlug, listDirectory, listMembers } from "./groups";
import { directoryInput, slugInput } from "./inputs";

export const groupsRouter = router({
  directory: publicProcedure.input(directoryInput).query(({ ctx, input }) => listDirectory(ctx.db, input)),

  bySlug: publicProcedure
    .input(slugInput)
    .query(({ ctx, input }) => getGroupBySlug(ctx.db, ctx.actor, input.slug)),

  members: inGroupProcedure().query(({ ctx }) => listMembers(ctx.db, ctx.membership.groupId)),
});
