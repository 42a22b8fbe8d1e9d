// The context of an API call or a page, from its request's headers: the reader's language, the
// address links in emails point to, and the key its rate limits are counted under. Built the same
// way by Next (./context.ts) and by the front server's own API path (server/front/api.ts).
import { parseCookie } from "cookie";
import { env, type Database } from "@/db/client";
import { LOCALE_COOKIE, negotiateLocale } from "./i18n/locale";
import { clientAddress, clientKeyOf } from "./rate-limits";
import type { Context } from "./trpc";
import type { Actor } from "./actor";

export interface RequestHeaders {
  get(name: string): string | null;
}

export function requestContext(db: Database, actor: Actor | null, headers: RequestHeaders): Context {
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? "localhost:3000";
  const proto =
    headers.get("x-forwarded-proto") ??
    (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  const cookies = parseCookie(headers.get("cookie") ?? "");
  return {
    db,
    locale: negotiateLocale(cookies[LOCALE_COOKIE], headers.get("accept-language")),
    origin: env("PUENTE_URL") ?? `${proto}://${host}`,
    clientKey: clientKeyOf(clientAddress(headers)),
    actor,
  };
}
