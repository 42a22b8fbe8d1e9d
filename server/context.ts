// The context of a request that arrives over HTTP (the tRPC route, server components): the
// database, the signed-in person from the Auth.js session, and the reader's language.
import "server-only";
import { headers } from "next/headers";
import { env, getDb } from "@/db/client";
import { currentSession } from "./auth";
import { requestLocale } from "./i18n/request";
import { clientAddress, clientKeyOf } from "./rate-limits";
import type { Context } from "./trpc";

export async function createRequestContext(): Promise<Context> {
  const [session, db, locale, headerStore] = await Promise.all([
    currentSession(),
    getDb(),
    requestLocale(),
    headers(),
  ]);
  const host = headerStore.get("x-forwarded-host") ?? headerStore.get("host") ?? "localhost:3000";
  const proto =
    headerStore.get("x-forwarded-proto") ??
    (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  const user = session?.user;
  return {
    db,
    locale,
    origin: env("PUENTE_URL") ?? `${proto}://${host}`,
    clientKey: clientKeyOf(clientAddress(headerStore)),
    actor: user?.id ? { id: user.id, isAdmin: user.isAdmin } : null,
  };
}
