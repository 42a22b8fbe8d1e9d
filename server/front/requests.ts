// The front server's request handler (./serve.ts): first the trust boundary, which fixes who the
// client is (./client-address.ts), then the tRPC API, the script-free public pages (kept for every
// signed-out reader until the data changes), or Next.
import type { IncomingMessage, ServerResponse } from "node:http";
import { API_PREFIX } from "./api";
import { passOnClientAddress, proxyTrust, type ProxyTrust } from "./client-address";
import type { PageCache } from "./page-cache";
import { serveWithoutScripts, wantsScriptFree } from "./script-free";

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * `next` is Next's request handler, `api` the front server's API (./api.ts), `pages` the public
 * pages kept for signed-out readers (./page-cache.ts; none kept without it).
 */
export function frontHandler(
  next: Handler,
  api: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void,
  trust: ProxyTrust = proxyTrust(),
  pages: PageCache | null = null,
) {
  return (req: IncomingMessage, res: ServerResponse) => {
    // A socket closed before its request was read: nobody to count it against, nobody to answer.
    if (!passOnClientAddress(req, trust)) {
      res.destroy();
      return;
    }
    if (req.url?.startsWith(API_PREFIX)) void api(req, res);
    else if (wantsScriptFree(req)) void serveWithoutScripts(req, res, next, pages);
    else void next(req, res);
  };
}
