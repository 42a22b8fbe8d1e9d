// The context of a request that arrives over HTTP (the tRPC route, server components): the
// database, the signed-in person from the Auth.js session, and the reader's language.
import "server-only";
import { getDb } from "@/db/client";
import { auth } from "./auth";
import { requestLocale } from "./i18n/request";
import type { Context } from "./trpc";

export async function createRequestContext(): Promise<Context> {
  const [session, db, locale] = await Promise.all([auth(), getDb(), requestLocale()]);
  const user = session?.user;
  return {
    db,
    locale,
    actor: user?.id ? { id: user.id, isAdmin: user.isAdmin } : null,
  };
}
