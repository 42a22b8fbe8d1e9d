// The tRPC API over HTTP. Responses may hold personal data: never cached (QUALITY.md 14.3.2).
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createRequestContext } from "@/server/context";
import { appRouter } from "@/server/root";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: createRequestContext,
    responseMeta: () => ({ headers: new Headers({ "cache-control": "no-store" }) }),
  });
}

export { handler as GET, handler as POST };
