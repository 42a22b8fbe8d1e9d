// A prototype for `npm run bench`, not how the app runs: Puente's own appRouter on tRPC's Node
// adapter (node:http, no Next.js), with the session looked up by one query instead of Auth.js's
// `auth()`. It answers the same /api/trpc URLs as `next start`, so the benchmark drives both alike
// and the difference is the cost of the route handler and the per-request context.
// Not covered here, and needed before serving the app this way: Auth.js's sliding session expiry
// (it pushes `expires` forward once a day) and the response headers proxy.ts sets.
// Usage: tsx server/bench/trpc-node-server.ts DATABASE_URL PORT
import { createHTTPServer } from "@trpc/server/adapters/standalone";
import { sql } from "drizzle-orm";
import { openPostgres } from "@/db/client";
import { negotiateLocale, LOCALE_COOKIE } from "@/server/i18n/locale";
import { clientAddress, clientKeyOf } from "@/server/rate-limits";
import { appRouter } from "@/server/root";
import type { Actor, Context } from "@/server/trpc";

const [url, port] = process.argv.slice(2);
const { db } = await openPostgres(url!);

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

async function actorOf(token: string | undefined): Promise<Actor | null> {
  if (!token) return null;
  const rows = (await db.execute(
    sql`select u.id, u.is_admin from sessions s join users u on u.id = s.user_id
      where s.session_token = ${token} and s.expires > now()`,
  )) as unknown as { id: string; is_admin: boolean }[];
  const row = rows[0];
  return row ? { id: row.id, isAdmin: row.is_admin } : null;
}

const server = createHTTPServer({
  basePath: "/api/trpc/",
  router: appRouter,
  async createContext({ req, res }): Promise<Context> {
    res.setHeader("cache-control", "no-store");
    const headers = { get: (name: string) => (req.headers[name] as string | undefined) ?? null };
    const cookies = req.headers.cookie;
    const token = cookie(cookies, "authjs.session-token") ?? cookie(cookies, "__Secure-authjs.session-token");
    return {
      db,
      actor: await actorOf(token),
      locale: negotiateLocale(cookie(cookies, LOCALE_COOKIE), req.headers["accept-language"]),
      origin: `http://${req.headers.host ?? "localhost"}`,
      clientKey: clientKeyOf(clientAddress(headers)),
    };
  },
});
server.listen(Number(port), "127.0.0.1", () => console.log(`tRPC Node adapter on ${port}`));
