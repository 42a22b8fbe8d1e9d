// The tRPC API answered by the front server itself, on tRPC's Node adapter, instead of by Next's
// route handler (app/api/trpc), which stays for what only it can do. Same router, same context
// (server/request-context.ts), same headers; what it skips is Next's per-request machinery around
// a small query: routing, the proxy, the request stores, a web Request and Response made from the
// Node ones and back. `npm run bench` measured that machinery at most of an API call's CPU
// (BENCHMARKS.md).
//
// The session is read by one query (server/sessions.ts). When Auth.js has to write it (it has
// expired, or is due for its daily extension) the call goes to Next's route, where Auth.js does.
import type { IncomingMessage, ServerResponse } from "node:http";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { parseCookie } from "cookie";
import { getDb, type Database } from "@/db/client";
import { refusalBody, refusalOf } from "@/server/api-gate";
import { MAX_BATCH } from "@/server/api-limits";
import { servedOverHttps } from "@/server/origin";
import { requestContext } from "@/server/request-context";
import { appRouter } from "@/server/root";
import { isSessionCookie, SESSION_COOKIE, sessionOfToken } from "@/server/sessions";
import type { Context } from "@/server/trpc";
import type { Actor } from "@/server/actor";
import { API_CONTENT_SECURITY_POLICY, securityHeaders } from "./security-headers";

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export const API_PREFIX = "/api/trpc/";
/** The largest call body read: far above any input (a story, the largest, is two texts of at most 8,000 characters). */
export const MAX_BODY_BYTES = 1_000_000;

function headersOf(req: IncomingMessage) {
  return {
    get(name: string): string | null {
      const value = req.headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(", ") : (value ?? null);
    },
  };
}

/**
 * Who is calling, as Next's context would find them; or "Next" when Auth.js must see the request
 * (a session to delete or extend, or a session cookie this path does not read).
 */
async function actorOf(db: Database, req: IncomingMessage, https: boolean): Promise<Actor | null | "Next"> {
  const cookies = parseCookie(req.headers.cookie ?? "");
  // Over HTTPS only the `__Secure-` cookie counts, as for Auth.js (server/origin.ts servedOverHttps).
  const token = cookies[https ? SESSION_COOKIE.https : SESSION_COOKIE.http];
  if (!token) {
    return !https && Object.keys(cookies).some(isSessionCookie) ? "Next" : null;
  }
  const session = await sessionOfToken(db, token);
  if (session === "ask Auth.js") return "Next";
  return session?.user ? { id: session.user.id, isAdmin: session.user.isAdmin } : null;
}

/**
 * The front server's handler for `/api/trpc/…`; `next` answers what it leaves to Next. `database`
 * is the app's own (tests give theirs).
 */
export function apiHandler(next: Handler, database: () => Promise<Database> = getDb): Handler {
  // Each call's context, made before tRPC reads the call; a failure (the database unreachable)
  // is thrown where tRPC expects it, so the caller gets tRPC's own error answer.
  const contexts = new WeakMap<IncomingMessage, () => Context>();
  const trpc = createHTTPHandler({
    basePath: API_PREFIX,
    router: appRouter,
    maxBodySize: MAX_BODY_BYTES,
    // Refused before this by the gate (server/api-gate.ts); tRPC's own check stays as a backstop.
    maxBatchSize: MAX_BATCH,
    createContext: ({ req }) => contexts.get(req)!(),
    // Responses may hold personal data: never cached (QUALITY.md 14.3.2).
    responseMeta: () => ({ headers: new Headers({ "cache-control": "no-store" }) }),
  });
  return async (req, res) => {
    const headers = headersOf(req);
    const https = servedOverHttps();
    const securityHeaderList: [string, string][] = [
      ["content-security-policy", API_CONTENT_SECURITY_POLICY],
      ...securityHeaders(https),
    ];
    // Before the session is read: a refused request costs no query and runs no procedure.
    const refusal = refusalOf(
      { method: req.method ?? "GET", pathAndQuery: req.url ?? "", headers },
      API_PREFIX,
    );
    if (refusal) {
      // The body is not read: the connection closes after the answer rather than drain it.
      res.shouldKeepAlive = false;
      res.writeHead(
        refusal.status,
        Object.fromEntries([
          ["content-type", "application/json"],
          ["cache-control", "no-store"],
          ...securityHeaderList,
        ]),
      );
      res.end(refusalBody(refusal, headers));
      return;
    }
    try {
      const db = await database();
      const actor = await actorOf(db, req, https);
      if (actor === "Next") return next(req, res);
      const context = requestContext(db, actor, headers);
      contexts.set(req, () => context);
    } catch (error) {
      contexts.set(req, () => {
        throw error;
      });
    }
    for (const [name, value] of securityHeaderList) res.setHeader(name, value);
    trpc(req, res);
  };
}
