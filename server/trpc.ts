// The tRPC core: the request context, the one error mapping, and the procedure builders that
// say who may call a procedure (public, signedIn, admin, reviewer, inGroup(...roles)). Builders for
// objects that belong to someone (onAction, onCaravan, onMessage, …) are in ./builders.ts.
import { initTRPC, TRPCError } from "@trpc/server";
import { and, eq, inArray } from "drizzle-orm";
import superjson from "superjson";
import { z } from "zod";
import { isDiskFull, type Database } from "@/db/client";
import type { Actor } from "./actor";
import { memberships, type MembershipRole } from "@/db/schema";
import { DomainError, explainError } from "./errors";
import { isReviewer } from "./reviewers/reviewers";
import type { Locale } from "./i18n/locale";
import { failureFields, log } from "./log";
import { POSTING_LIMITS } from "./posting-limits";
import { consume } from "./rate-limits";

export interface Context {
  db: Database;
  actor: Actor | null;
  locale: Locale;
  /** Where links in emails point: publicOrigin() (./origin.ts), never a host the request names. */
  origin: string;
  /** A SHA-256 of the client's address (never the address), for per-address rate limits. */
  clientKey?: string;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error, ctx }) {
    const { message, fieldErrors } = explainError(error, ctx?.locale ?? "es");
    return {
      ...shape,
      message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        fieldErrors,
      },
    };
  },
});

/** Domain errors become TRPCErrors with their own code; anything unexpected is logged, not shown. */
const mapErrors = t.middleware(async ({ next, path, type }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  if (cause instanceof DomainError) {
    return { ...result, error: new TRPCError({ code: cause.code, message: cause.key, cause }) };
  }
  if (isDiskFull(cause)) {
    // The write found no room: the reader is told so in their language, and the log says why.
    log.error("procedure failed: the database's disk is full", { path, type, ...failureFields(cause) });
    const full = new DomainError("SERVICE_UNAVAILABLE", "diskFull");
    return { ...result, error: new TRPCError({ code: full.code, message: full.key, cause: full }) };
  }
  if (result.error.code === "INTERNAL_SERVER_ERROR") {
    log.error("procedure failed", { path, type, ...failureFields(cause ?? result.error) });
    // The original's message holds a failed query's statement and parameters; whoever handles
    // the error next (Next.js prints what a page or a form throws) gets none of it.
    return { ...result, error: new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "internal" }) };
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure.use(mapErrors);

/** A signed-in person. */
export const signedInProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new DomainError("UNAUTHORIZED", "unauthorized");
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

/**
 * For a procedure that posts text other people read: counts the call against the caller's limit
 * in ./posting-limits.ts. Used after `.input()`, so that only a valid post counts (a fuzzer or a
 * typo does not use up the person's posts).
 */
export const postingLimit = t.middleware(async ({ ctx, path, next }) => {
  const limit = POSTING_LIMITS[path];
  if (!limit) throw new Error(`${path} has no limit in server/posting-limits.ts`);
  if (!ctx.actor) throw new DomainError("UNAUTHORIZED", "unauthorized");
  await consume(ctx.db, limit, ctx.actor.id);
  return next();
});

/** An admin of this Puente instance. */
export const adminProcedure = signedInProcedure.use(({ ctx, next }) => {
  if (!ctx.actor.isAdmin) throw new DomainError("FORBIDDEN", "forbidden");
  return next();
});

/** A reviewer: an admin, or someone an admin made one (server/reviewers/reviewers.ts). */
export const reviewerProcedure = signedInProcedure.use(async ({ ctx, next }) => {
  if (!(await isReviewer(ctx.db, ctx.actor))) throw new DomainError("FORBIDDEN", "forbidden");
  return next();
});

export const groupInput = z.object({ groupId: z.uuid() });

/**
 * An active member of the group named by the input's `groupId`, in one of `roles` (any role when
 * none is given). Checked against the database on every call, so a removal takes effect on the
 * very next request. Admins do not pass implicitly: a group's inside is its members' business.
 */
export function inGroupProcedure(...roles: MembershipRole[]) {
  return signedInProcedure.input(groupInput).use(async ({ ctx, input, next }) => {
    const [membership] = await ctx.db
      .select({ role: memberships.role })
      .from(memberships)
      .where(
        and(
          eq(memberships.groupId, input.groupId),
          eq(memberships.userId, ctx.actor.id),
          eq(memberships.status, "active"),
          roles.length ? inArray(memberships.role, roles) : undefined,
        ),
      )
      .limit(1);
    if (!membership) throw new DomainError("FORBIDDEN", "notInGroup");
    return next({ ctx: { ...ctx, membership: { groupId: input.groupId, role: membership.role } } });
  });
}
