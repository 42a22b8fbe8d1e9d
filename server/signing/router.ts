// Signed announcements: the public keys and checking a forwarded text or a short code (anyone:
// a check reveals nothing a person does not already hold), and the statement shown with what it
// is about (whoever may see that).
import { z } from "zod";
import { DomainError } from "../errors";
import { freeText } from "../text";
import { publicProcedure, router } from "../trpc";
import { checkCode, checkForwarded, keysForReaders } from "./check";
import { normalizeCode } from "./statement";
import { statementAbout } from "./subjects";

/** A forwarded announcement with room for a chat's additions around it. */
export const MAX_FORWARDED_TEXT = 6000;

export const signingRouter = router({
  keys: publicProcedure.query(({ ctx }) => keysForReaders(ctx.db)),

  check: publicProcedure
    .input(z.object({ text: freeText(MAX_FORWARDED_TEXT).pipe(z.string().min(1)) }))
    .query(({ ctx, input }) => checkForwarded(ctx.db, input.text)),

  /** Whoever may see the action, message or meeting point: its latest signed statement. */
  about: publicProcedure
    .input(z.object({ subject: z.enum(["action", "message", "meetingPoint"]), id: z.uuid() }))
    .query(({ ctx, input }) => statementAbout(ctx.db, ctx.actor, input.subject, input.id)),

  byCode: publicProcedure.input(z.object({ code: z.string().max(40) })).query(({ ctx, input }) => {
    const code = normalizeCode(input.code);
    if (!code) throw new DomainError("BAD_REQUEST", "verificationCode");
    return checkCode(ctx.db, code);
  }),
});
