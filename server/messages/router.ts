// Messages: compose and send to an audience, the inbox (live), replies, read receipts.
import { onMessage, onThread } from "../builders";
import { postingLimit, router, signedInProcedure } from "../trpc";
import { audienceInput, inboxInput, messageIdInput, preferencesInput, replyInput, sendInput } from "./inputs";
import { liveFeedFor } from "./live";
import {
  countRecipients,
  emailPreference,
  inbox,
  markRead,
  retryFailed,
  sendMessage,
  setEmailPreference,
  unreadCount,
} from "./messages";
import { audienceChoices } from "./choices";
import { getMessage, reply, sentMessages } from "./threads";

export const messagesRouter = router({
  /** The groups, actions and shifts the caller may write to (empty for most people). */
  audienceChoices: signedInProcedure.query(({ ctx }) => audienceChoices(ctx.db, ctx.actor)),

  // The audience decides who may write to it: each part is checked in countRecipients and sendMessage.
  count: signedInProcedure.input(audienceInput).query(async ({ ctx, input }) => ({
    recipients: await countRecipients(ctx.db, ctx.actor, input.audience),
  })),

  send: signedInProcedure
    .input(sendInput)
    .use(postingLimit)
    .mutation(({ ctx, input }) => sendMessage(ctx.db, ctx.actor, input)),

  inbox: signedInProcedure
    .input(inboxInput)
    .query(({ ctx, input }) => inbox(ctx.db, ctx.actor, input.before)),

  unreadCount: signedInProcedure.query(async ({ ctx }) => ({ unread: await unreadCount(ctx.db, ctx.actor) })),

  get: onMessage("recipient", "organizer").query(({ ctx }) => getMessage(ctx.db, ctx.actor, ctx.message)),

  // Anyone may mark any message: for one they did not receive it changes nothing and says nothing.
  markRead: signedInProcedure
    .input(messageIdInput)
    .mutation(({ ctx, input }) => markRead(ctx.db, ctx.actor, input.messageId)),

  reply: onThread("recipient", "organizer")
    .input(replyInput)
    .use(postingLimit)
    .mutation(({ ctx, input }) => reply(ctx.db, ctx.actor, ctx.thread, input.body)),

  sent: signedInProcedure.query(({ ctx }) => sentMessages(ctx.db, ctx.actor)),

  retryFailed: onMessage("organizer").mutation(({ ctx }) => retryFailed(ctx.db, ctx.message.id)),

  preferences: signedInProcedure.query(({ ctx }) => emailPreference(ctx.db, ctx.actor)),

  setPreferences: signedInProcedure
    .input(preferencesInput)
    .mutation(({ ctx, input }) => setEmailPreference(ctx.db, ctx.actor, input.emailMessages)),

  /**
   * Live events for the caller's open pages (server-sent events): first the unread count, then
   * one event per new message, reply in their threads, or read receipt of their own.
   */
  live: signedInProcedure.subscription(async function* ({ ctx, signal }) {
    const feed = await liveFeedFor(ctx.db);
    const events = feed.events(ctx.actor.id, signal);
    yield { type: "hello" as const, unread: await unreadCount(ctx.db, ctx.actor) };
    yield* events;
  }),
});
