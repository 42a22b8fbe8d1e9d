// Groups: the directory, a group's page, membership, invitations and vetting.
import {
  adminProcedure,
  groupInput,
  inGroupProcedure,
  postingLimit,
  publicProcedure,
  router,
  signedInProcedure,
} from "../trpc";
import { createGroup, getGroupBySlug, listDirectory, listMyGroups, updateGroup } from "./groups";
import {
  answerInvitationInput,
  changeRoleInput,
  decideRequestInput,
  directoryInput,
  groupDetailsInput,
  invitationTokenInput,
  inviteInput,
  rejectInput,
  removeMemberInput,
  slugInput,
  vettingInput,
} from "./inputs";
import {
  answerInvitation,
  describeInvitation,
  invite,
  listMyInvitations,
  listOpenInvitations,
} from "./invitations";
import {
  changeRole,
  decideJoinRequest,
  leaveGroup,
  listJoinRequests,
  listMembers,
  removeMember,
  requestToJoin,
} from "./membership";
import { consumeForPerson, INVITATIONS, JOIN_REQUESTS } from "../rate-limits";
import { decideVetting, vettingQueue } from "./vetting";

export const groupsRouter = router({
  directory: publicProcedure.input(directoryInput).query(({ ctx, input }) => listDirectory(ctx.db, input)),

  bySlug: publicProcedure
    .input(slugInput)
    .query(({ ctx, input }) => getGroupBySlug(ctx.db, ctx.actor, input.slug)),

  // Anyone signed in may register a group; it stays unverified until an admin vets it.
  create: signedInProcedure
    .input(groupDetailsInput)
    .use(postingLimit)
    .mutation(({ ctx, input }) => createGroup(ctx.db, ctx.actor, input)),

  update: inGroupProcedure("coordinator")
    .input(groupDetailsInput)
    .use(postingLimit)
    .mutation(({ ctx, input: { groupId, ...details } }) => updateGroup(ctx.db, ctx.actor, groupId, details)),

  mine: signedInProcedure.query(async ({ ctx }) => ({
    groups: await listMyGroups(ctx.db, ctx.actor),
    invitations: await listMyInvitations(ctx.db, ctx.actor),
  })),

  members: inGroupProcedure().query(({ ctx }) => listMembers(ctx.db, ctx.membership.groupId)),

  requests: inGroupProcedure("coordinator", "organizer").query(({ ctx }) =>
    listJoinRequests(ctx.db, ctx.membership.groupId),
  ),

  // Anyone signed in may ask to join a group (its members are answered CONFLICT).
  requestToJoin: signedInProcedure.input(groupInput).mutation(async ({ ctx, input }) => {
    await consumeForPerson(ctx.db, JOIN_REQUESTS, ctx.actor.id);
    return requestToJoin(ctx.db, ctx.actor, input.groupId);
  }),

  decideRequest: inGroupProcedure("coordinator", "organizer")
    .input(decideRequestInput)
    .mutation(({ ctx, input }) => decideJoinRequest(ctx.db, ctx.actor, input)),

  changeRole: inGroupProcedure("coordinator")
    .input(changeRoleInput)
    .mutation(({ ctx, input }) => changeRole(ctx.db, ctx.actor, input)),

  removeMember: inGroupProcedure("coordinator", "organizer")
    .input(removeMemberInput)
    .mutation(({ ctx, input }) => removeMember(ctx.db, { ...ctx.actor, role: ctx.membership.role }, input)),

  // One's own membership (none: NOT_FOUND).
  leave: signedInProcedure
    .input(groupInput)
    .mutation(({ ctx, input }) => leaveGroup(ctx.db, ctx.actor, input.groupId)),

  invite: inGroupProcedure("coordinator", "organizer")
    .input(inviteInput)
    .mutation(async ({ ctx, input }) => {
      await consumeForPerson(ctx.db, INVITATIONS, ctx.actor.id);
      return invite(ctx.db, { ...ctx.actor, role: ctx.membership.role }, input, ctx.origin);
    }),

  invitations: inGroupProcedure("coordinator", "organizer").query(({ ctx }) =>
    listOpenInvitations(ctx.db, ctx.membership.groupId),
  ),

  // Whoever holds the link reads it; only the person it was sent to answers it (checked against
  // their address in answerInvitation).
  invitation: signedInProcedure
    .input(invitationTokenInput)
    .query(({ ctx, input }) => describeInvitation(ctx.db, ctx.actor, input.token)),

  answerInvitation: signedInProcedure
    .input(answerInvitationInput)
    .mutation(({ ctx, input: { accept, ...key } }) => answerInvitation(ctx.db, ctx.actor, key, accept)),

  vettingQueue: adminProcedure.query(({ ctx }) => vettingQueue(ctx.db)),

  verify: adminProcedure
    .input(vettingInput)
    .use(postingLimit)
    .mutation(({ ctx, input }) => decideVetting(ctx.db, ctx.actor, { ...input, verify: true })),

  reject: adminProcedure
    .input(rejectInput)
    .use(postingLimit)
    .mutation(({ ctx, input }) => decideVetting(ctx.db, ctx.actor, { ...input, verify: false })),
});
