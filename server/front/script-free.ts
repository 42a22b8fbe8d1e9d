// Public pages for signed-out readers as HTML and CSS only.
//
// A signed-out reader of the public pages (the landing page, the actions and one action, the
// stories, the groups) has nothing to do there that needs a script: links, the language switch and
// the filters are plain links and forms, and the pages are built to be read with JavaScript off
// (e2e/budgets.spec.ts). Yet Next.js sends every page its React and App Router runtime, 139 KB
// gzipped, which a cheap phone on a weak signal downloads, parses and runs before the page
// answers a tap. So the production server (./serve.ts) removes the scripts from those pages, for
// those readers, after Next has rendered them: what is left is the same HTML, and the next page is
// an ordinary page load of a few KB. Signed-in people, and every other page, get Next's page as
// it is.
import { ServerResponse, type IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { parseCookie } from "cookie";
import { RewritingStream } from "parse5-html-rewriting-stream";
import { failureFields, log } from "@/server/log";
import { isSessionCookie } from "@/server/sessions";
import { PageCache, pageCacheKey, shareable, type CachedPage, type RenderedPage } from "./page-cache";
import { SCRIPT_FREE_CONTENT_SECURITY_POLICY } from "./security-headers";

/** The public pages served without scripts to signed-out readers. */
const SCRIPT_FREE_PAGES = [/^\/$/, /^\/actions$/, /^\/actions\/[0-9a-f-]{36}$/, /^\/stories$/, /^\/groups$/];

/**
 * Whether this request is a signed-out reader's page load of a public page. The App Router's own
 * fetches (a client-side navigation from a page that has the runtime) carry an `RSC` header and
 * get Next's answer as they are.
 */
export function wantsScriptFree(request: Pick<IncomingMessage, "method" | "url" | "headers">): boolean {
  if (request.method !== "GET") return false;
  const { headers } = request;
  if (headers.rsc !== undefined || headers["next-router-prefetch"] !== undefined) return false;
  if (Object.keys(parseCookie(headers.cookie ?? "")).some(isSessionCookie)) return false;
  const pathname = new URL(request.url ?? "/", "http://puente.invalid").pathname;
  return SCRIPT_FREE_PAGES.some((page) => page.test(pathname));
}

/**
 * A part of the page still streaming when its HTML was sent (a pending or client-rendered Suspense
 * boundary: React's `<!--$?-->` and `<!--$!-->` markers) needs Next's scripts to appear at all.
 */
const NEEDS_SCRIPTS = /<!--\$[?!]-->/;

/** A `<link>` that only fetches a script ahead of time. */
function preloadsScript(attrs: { name: string; value: string }[]): boolean {
  const attr = (name: string) => attrs.find((a) => a.name === name)?.value.toLowerCase();
  const rel = attr("rel") ?? "";
  return (
    rel.split(/\s+/).includes("modulepreload") ||
    (rel.split(/\s+/).includes("preload") && attr("as") === "script")
  );
}

/**
 * The page without its scripts: every `<script>` element (Next's runtime chunks and the inline
 * React Server Components payload) and every `<link>` that preloads one. Everything else is kept
 * byte for byte. A page that needs its scripts to show its content is returned unchanged.
 */
export async function withoutScripts(html: string): Promise<string> {
  if (NEEDS_SCRIPTS.test(html)) return html;
  const rewriter = new RewritingStream();
  let inScript = false;
  rewriter.on("startTag", (tag, raw) => {
    if (tag.tagName === "script") {
      // A self-closing <script/> is not a thing in HTML: its content runs to </script> all the same.
      inScript = true;
      return;
    }
    if (tag.tagName === "link" && preloadsScript(tag.attrs)) return;
    rewriter.emitRaw(raw);
  });
  rewriter.on("endTag", (tag, raw) => {
    if (tag.tagName === "script") {
      inScript = false;
      return;
    }
    rewriter.emitRaw(raw);
  });
  rewriter.on("text", (_, raw) => {
    if (!inScript) rewriter.emitRaw(raw);
  });
  return text(Readable.from([html]).pipe(rewriter));
}

const nodeEnd = ServerResponse.prototype.end as (this: ServerResponse, body?: Buffer) => ServerResponse;

/** Sends the response with Node's own methods, past Next's wrappers (its compression's) and ours. */
function send(res: ServerResponse, body?: Buffer) {
  res.writeHead = ServerResponse.prototype.writeHead;
  nodeEnd.call(res, body);
}

/**
 * Lets Next write its whole answer into memory instead of onto the wire (headers included: they
 * leave with the body), and gives the body to `ended` when Next ends the response.
 */
function holdBody(res: ServerResponse, ended: (body: Buffer) => void) {
  const chunks: Buffer[] = [];
  const keep = (chunk: unknown, encoding: unknown) => {
    if (typeof chunk === "string") chunks.push(Buffer.from(chunk, (encoding as BufferEncoding) || "utf8"));
    else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  const callbackOf = (...args: unknown[]) =>
    args.find((arg) => typeof arg === "function") as (() => void) | undefined;
  res.flushHeaders = () => {};
  res.writeHead = ((statusCode: number, ...rest: unknown[]) => {
    res.statusCode = statusCode;
    const headers = rest.find((arg) => typeof arg === "object" && arg !== null) ?? {};
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value as string | string[]);
    return res;
  }) as ServerResponse["writeHead"];
  res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
    keep(chunk, encoding);
    callbackOf(encoding, callback)?.();
    return true;
  }) as ServerResponse["write"];
  res.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
    keep(chunk, encoding);
    callbackOf(chunk, encoding, callback)?.();
    ended(Buffer.concat(chunks));
    return res;
  }) as ServerResponse["end"];
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * A public page for a signed-out reader: the page `cache` keeps for every reader of its address
 * and language (./page-cache.ts; the production server's, ./serve.ts), or else `handle`'s
 * (Next's) page, asked for uncompressed, then without its scripts, compressed here. A failure on
 * the way answers 500 rather than hang.
 */
export async function serveWithoutScripts(
  req: IncomingMessage,
  res: ServerResponse,
  handle: Handler,
  cache: PageCache | null = null,
) {
  try {
    const acceptsGzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    const key = cache && pageCacheKey(req);
    const version = key ? await cache.currentVersion() : null;
    if (cache && key && version) {
      const own: { page?: RenderedPage } = {};
      const shared = await cache.page(key, version, async () => {
        own.page = await render(req, res, handle);
        return shareable(own.page);
      });
      // The first reader's page, or, when it could not be shared (a cookie set, an error), their own.
      const page = shared ?? own.page;
      if (page) return await sendPage(res, page, acceptsGzip);
    }
    await sendPage(res, await render(req, res, handle), acceptsGzip);
  } catch (error) {
    log.error("page without scripts failed", failureFields(error));
    if (!res.headersSent) res.statusCode = 500;
    send(res);
  }
}

/** Next's answer to `req`, held in memory, without its scripts where the page can do without. */
async function render(req: IncomingMessage, res: ServerResponse, handle: Handler): Promise<RenderedPage> {
  // Next compresses what the client accepts; asked for nothing, it leaves the body readable.
  delete req.headers["accept-encoding"];
  let body = await new Promise<Buffer>((resolve, reject) => {
    holdBody(res, resolve);
    // Next resolves this only once the response has finished, after the body is sent below.
    handle(req, res).catch(reject);
  });
  let scriptFree = false;
  if (res.statusCode === 200 && String(res.getHeader("content-type")).startsWith("text/html")) {
    const html = body.toString("utf8");
    try {
      if (!NEEDS_SCRIPTS.test(html)) {
        body = Buffer.from(await withoutScripts(html));
        scriptFree = true;
      }
    } catch (error) {
      // Next's page as it was is still a good page.
      log.warn("script-free page kept with its scripts", failureFields(error));
    }
  }
  return { status: res.statusCode, headers: res.getHeaders(), body, scriptFree };
}

async function sendPage(res: ServerResponse, page: RenderedPage | CachedPage, acceptsGzip: boolean) {
  res.statusCode = page.status;
  for (const [name, value] of Object.entries(page.headers)) {
    if (value !== undefined) res.setHeader(name, value);
  }
  // No script is left to run: none may (Next's policy named a nonce for scripts now gone).
  if (page.scriptFree) res.setHeader("content-security-policy", SCRIPT_FREE_CONTENT_SECURITY_POLICY);
  // The same address answers signed-in people with the scripts, and each language in its own.
  const vary = [res.getHeader("vary"), "Accept-Encoding", "Accept-Language", "Cookie"]
    .flat()
    .join(",")
    .split(",");
  res.setHeader("vary", [...new Set(vary.map((name) => name.trim()).filter(Boolean))].join(", "));
  let body = page.body;
  if (acceptsGzip) {
    body = "gzipped" in page ? page.gzipped : await promisify(gzip)(body);
    res.setHeader("content-encoding", "gzip");
  } else {
    res.removeHeader("content-encoding");
  }
  res.setHeader("content-length", body.length);
  send(res, body);
}
