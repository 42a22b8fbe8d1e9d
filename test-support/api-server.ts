// One app server's API, alone in its own process, for tests that need several servers on one
// PostgreSQL (server/messages/two-servers.pg.test.ts). It serves the real router over tRPC's
// standalone HTTP adapter (server-sent events included) with the real live feed. The caller is
// named by an `x-test-actor` header instead of a session: this file is only ever started by tests.
import type { AddressInfo } from "node:net";
import { createHTTPServer } from "@trpc/server/adapters/standalone";
import { openPostgres } from "@/db/client";
import { attachLiveFeed } from "@/server/messages/live";
import { appRouter } from "@/server/root";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is required");
const handle = await openPostgres(url);
await attachLiveFeed(handle);

const server = createHTTPServer({
  router: appRouter,
  createContext: ({ req }) => {
    const id = req.headers["x-test-actor"];
    return {
      db: handle.db,
      actor: typeof id === "string" ? { id, isAdmin: false } : null,
      locale: "en" as const,
      origin: "http://puente.test",
      clientKey: `test-${String(id)}`,
    };
  },
});
server.listen(0, "127.0.0.1", () => {
  console.log(`listening ${(server.address() as AddressInfo).port}`);
});
