// SMS: a person's number (added with a texted code) and which messages also come by SMS; for
// admins, the texts that matched no thread and the volume per group per day.
import { z } from "zod";
import { smsChoices } from "@/db/schema";
import { adminProcedure, router, signedInProcedure } from "../trpc";
import { smsVolume } from "./cap";
import { unmatchedTexts } from "./inbound";
import { confirmCode, myPhone, removePhone, requestCode, setSmsChoice } from "./phones";

export const smsRouter = router({
  phone: signedInProcedure.query(({ ctx }) => myPhone(ctx.db, ctx.actor)),

  /** Rate limited per number (hashed), per person and per address, in requestCode. */
  requestCode: signedInProcedure
    .input(z.object({ number: z.string().trim().min(1).max(40) }))
    .mutation(({ ctx, input }) => requestCode(ctx.db, ctx.actor, input.number, ctx.clientKey)),

  confirmCode: signedInProcedure
    .input(
      z.object({
        code: z
          .string()
          .trim()
          .regex(/^\d{6}$/),
      }),
    )
    .mutation(({ ctx, input }) => confirmCode(ctx.db, ctx.actor, input.code)),

  setChoice: signedInProcedure
    .input(z.object({ smsMessages: z.enum(smsChoices) }))
    .mutation(({ ctx, input }) => setSmsChoice(ctx.db, ctx.actor, input.smsMessages)),

  removePhone: signedInProcedure.mutation(({ ctx }) => removePhone(ctx.db, ctx.actor)),

  unmatched: adminProcedure.query(({ ctx }) => unmatchedTexts(ctx.db)),

  /** Texts and segments per group per UTC day, the last 14 days, with the daily cap. */
  volume: adminProcedure.query(({ ctx }) => smsVolume(ctx.db)),
});
