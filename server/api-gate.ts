// What the API refuses before any procedure runs or the database is touched, wherever the API is
// answered (the front server's own path, server/front/api.ts, and Next's route, app/api/trpc):
// writes that do not come from Puente's own pages, bodies a cross-site form can send, and
// requests larger than Puente's own client makes (server/api-limits.ts).
import { TRPCError } from "@trpc/server";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import { parseCookie } from "cookie";
import { MAX_BATCH, MAX_URL_LENGTH } from "./api-limits";
import { DomainError, explainError } from "./errors";
import { LOCALE_COOKIE, negotiateLocale } from "./i18n/locale";
import { isOwnOrigin } from "./origin";
import type { RequestHeaders } from "./request-context";

/**
 * True unless the browser says the request comes from another site: an Origin that is not
 * Puente's configured one (server/origin.ts; `null` included), or, without an Origin, a
 * Sec-Fetch-Site other than `same-origin`.
 *
 * With neither header the request is let through. Browsers send Origin on every cross-site POST
 * (and Sec-Fetch-Site on every request), so a request without both comes from a program (curl, the
 * benchmarks, a proxy's health check), and a program cannot carry a victim's cookie: it only has
 * the cookies it was given. Refusing it would protect nobody and break those programs.
 */
export function comesFromOwnPages(headers: RequestHeaders): boolean {
  const origin = headers.get("origin");
  if (origin !== null) return isOwnOrigin(origin);
  const site = headers.get("sec-fetch-site");
  return site === null || site === "same-origin";
}

/** A refused request: the HTTP status and the error it is explained by. */
export interface Refusal {
  status: number;
  error: DomainError;
}

/** The media type of a body (`application/json; charset=utf-8` → `application/json`). */
function mediaType(headers: RequestHeaders): string {
  return (headers.get("content-type") ?? "").split(";", 1)[0]!.trim().toLowerCase();
}

/** How many procedures a call names: tRPC splits a batch's path on commas once it is decoded. */
function procedureCount(pathAndQuery: string, prefix: string): number {
  const url = new URL(pathAndQuery, "http://puente.invalid");
  if (url.searchParams.get("batch") !== "1") return 1;
  let path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // tRPC refuses a path it cannot decode; counting the raw commas is enough here.
  }
  return path.split(",").length;
}

/**
 * Why the API must not answer this request, or null. `pathAndQuery` is the request target as sent
 * (`/api/trpc/a,b?batch=1&input=…`), `prefix` the API's path with its trailing slash.
 *
 * Every method but GET and HEAD may change something (tRPC runs mutations on POST only; queries
 * and subscriptions have no side effects), so those must come from Puente's pages and carry JSON:
 * an HTML form on another site can send only `multipart/form-data`, `x-www-form-urlencoded` and
 * `text/plain`, and a cross-site script cannot send `application/json` without a CORS preflight,
 * which the API never grants. Puente sends nothing but JSON, so nothing else is accepted.
 */
export function refusalOf(
  request: { method: string; pathAndQuery: string; headers: RequestHeaders },
  prefix: string,
): Refusal | null {
  if (request.pathAndQuery.length > MAX_URL_LENGTH) {
    return { status: 414, error: new DomainError("BAD_REQUEST", "requestTooLarge") };
  }
  if (procedureCount(request.pathAndQuery, prefix) > MAX_BATCH) {
    return {
      status: 400,
      error: new DomainError("BAD_REQUEST", "batchTooLarge", { max: MAX_BATCH }),
    };
  }
  if (request.method === "GET" || request.method === "HEAD") return null;
  if (!comesFromOwnPages(request.headers)) {
    return { status: 403, error: new DomainError("FORBIDDEN", "crossSite") };
  }
  if (mediaType(request.headers) !== "application/json") {
    return { status: 415, error: new DomainError("BAD_REQUEST", "jsonOnly") };
  }
  return null;
}

/**
 * The refusal as tRPC's own error answer (the shape its client reads), in the reader's language,
 * through the one translation of errors (server/errors.ts).
 */
export function refusalBody(refusal: Refusal, headers: RequestHeaders): string {
  const locale = negotiateLocale(
    parseCookie(headers.get("cookie") ?? "")[LOCALE_COOKIE],
    headers.get("accept-language"),
  );
  const { code } = refusal.error;
  const { message } = explainError(
    new TRPCError({ code, message: refusal.error.key, cause: refusal.error }),
    locale,
  );
  const data = { code, httpStatus: refusal.status };
  return JSON.stringify({ error: { json: { message, code: TRPC_ERROR_CODES_BY_KEY[code], data } } });
}
