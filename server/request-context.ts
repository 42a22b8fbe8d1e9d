// The context of an API call or a page, from its request's headers: the reader's language and the
// key its rate limits are counted under; links in emails point to the configured origin, never to
// a host the request names (./origin.ts). Built the same way by Next (./context.ts) and by the
// front server's own API path (server/front/api.ts).
import { parseCookie } from "cookie";
import type { Database } from "@/db/client";
import { LOCALE_COOKIE, negotiateLocale } from "./i18n/locale";
import { publicOrigin } from "./origin";
import { clientAddress, clientKeyOf } from "./rate-limits";
import type { Context } from "./trpc";
import type { Actor } from "./actor";

export interface RequestHeaders {
  get(name: string): string | null;
}

export function requestContext(db: Database, actor: Actor | null, headers: RequestHeaders): Context {
  const cookies = parseCookie(headers.get("cookie") ?? "");
  return {
    db,
    locale: negotiateLocale(cookies[LOCALE_COOKIE], headers.get("accept-language")),
    origin: publicOrigin(),
    clientKey: clientKeyOf(clientAddress(headers)),
    actor,
  };
}
