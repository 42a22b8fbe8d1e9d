// Domain errors: what domain functions throw when a request cannot be carried out. Each names a
// tRPC code and a message key in the `errors` catalog; server/trpc.ts maps and translates them.
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";
import type en from "./i18n/messages/en.json";

export type ErrorKey = Exclude<keyof (typeof en)["errors"], "validation">;
export type ErrorCode = Extract<
  TRPC_ERROR_CODE_KEY,
  "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "BAD_REQUEST" | "CONFLICT" | "TOO_MANY_REQUESTS"
>;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly key: ErrorKey,
    readonly values: Record<string, string | number> = {},
  ) {
    super(key);
    this.name = "DomainError";
  }
}

export const notFound = () => new DomainError("NOT_FOUND", "notFound");
export const forbidden = () => new DomainError("FORBIDDEN", "forbidden");
