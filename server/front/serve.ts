// The production server (`npm run serve`, and `npm start` after its build): Next.js's own request
// handler inside a Node server of Puente's, which answers two things itself: the tRPC API, without
// Next's per-request machinery (./api.ts), and the public pages for signed-out readers, without
// scripts (./script-free.ts), each made once for all of them until the data changes
// (./page-cache.ts). Every other request goes to Next, with the client's address as
// ./client-address.ts decides it. Options as `next start`: -p/--port (or PORT, default 3000) and
// -H/--hostname (or HOSTNAME; every interface when unset). Links in emails point to PUENTE_URL,
// else to http://localhost:PORT (../origin.ts): it says so loudly when that is a guess.
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { hasConfiguredOrigin, publicOrigin } from "../origin";
import { apiHandler } from "./api";
import { proxyTrust } from "./client-address";
import { PageCache } from "./page-cache";
import { frontHandler } from "./requests";

// Read before anything else so that a wrong PUENTE_TRUSTED_PROXIES stops the server at once.
const trust = proxyTrust();

// As `next start` does, and before Next is loaded: it reads NODE_ENV as it loads.
Object.assign(process.env, { NODE_ENV: "production" });
const { default: next } = await import("next");

const { values } = parseArgs({
  options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? process.env.HOSTNAME;
// The default origin is the port listened on, whichever way it was given.
process.env.PORT = String(port);
// Read now, so a PUENTE_URL that is not an http(s) address stops the start, not a sign-in.
const origin = publicOrigin();
if (!hasConfiguredOrigin()) {
  console.warn(
    [
      "",
      `!!! PUENTE_URL is not set: every link Puente emails points to ${origin},`,
      "!!! and sign-in links are sent only to requests for that address. In production, set",
      "!!! PUENTE_URL to the public address people use (e.g. https://puente.example.org).",
      "",
    ].join("\n"),
  );
}

const app = next({ dev: false, dir: process.cwd(), hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

const api = apiHandler(handle);

// Public pages are rendered once for every signed-out reader until a write (./page-cache.ts).
const server = createServer(frontHandler(handle, api, trust, new PageCache()));
server.listen(port, hostname, () => {
  console.log(`Puente ready on http://${hostname ?? "localhost"}:${port}; its links point to ${origin}`);
});

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    server.close();
    // Open keep-alive connections would hold the close; Next has nothing to flush.
    server.closeAllConnections();
    void app.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
