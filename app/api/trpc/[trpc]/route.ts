// The tRPC API over HTTP. Responses may hold personal data: never cached (QUALITY.md 14.3.2).
// What it refuses before any procedure runs is decided with the front server's own path
// (server/api-gate.ts): cross-site writes, form bodies, oversized batches and addresses.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { refusalBody, refusalOf } from "@/server/api-gate";
import { MAX_BATCH } from "@/server/api-limits";
import { createRequestContext } from "@/server/context";
import { appRouter } from "@/server/root";

const ENDPOINT = "/api/trpc";

function handler(req: Request) {
  const url = new URL(req.url);
  const refusal = refusalOf(
    { method: req.method, pathAndQuery: url.pathname + url.search, headers: req.headers },
    `${ENDPOINT}/`,
  );
  if (refusal) {
    return new Response(refusalBody(refusal, req.headers), {
      status: refusal.status,
      headers: { "content-type": "application/json", "cache-control": "no-store" },
    });
  }
  return fetchRequestHandler({
    endpoint: ENDPOINT,
    req,
    router: appRouter,
    maxBatchSize: MAX_BATCH,
    createContext: createRequestContext,
    responseMeta: () => ({ headers: new Headers({ "cache-control": "no-store" }) }),
  });
}

export { handler as GET, handler as POST };
