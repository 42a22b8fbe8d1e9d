// Domain errors: what domain functions throw when a request cannot be carried out. Each names a
// tRPC code and a message key in the `errors` catalog; server/trpc.ts maps and translates them.
import type { TRPC_ERROR_CODE_KEY, TRPCError } from "@trpc/server";
import type { z } from "zod";
import type { Locale } from "./i18n/locale";
import { translator } from "./i18n/messages";
import type en from "./i18n/messages/en.json";
import { validationMessages } from "./i18n/validation";

export type ErrorKey = Exclude<keyof (typeof en)["errors"], "validation">;
export type ErrorCode = Extract<
  TRPC_ERROR_CODE_KEY,
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "BAD_REQUEST"
  | "CONFLICT"
  | "TOO_MANY_REQUESTS"
  | "SERVICE_UNAVAILABLE"
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

const codeKeys: Partial<Record<TRPC_ERROR_CODE_KEY, ErrorKey>> = {
  UNAUTHORIZED: "unauthorized",
  FORBIDDEN: "forbidden",
  NOT_FOUND: "notFound",
  BAD_REQUEST: "badInput",
  PARSE_ERROR: "badInput",
  METHOD_NOT_SUPPORTED: "badInput",
  PAYLOAD_TOO_LARGE: "badInput",
  CONFLICT: "conflict",
};

function hasIssues(cause: unknown): cause is { issues: z.core.$ZodIssue[] } {
  return typeof cause === "object" && cause !== null && Array.isArray((cause as { issues?: unknown }).issues);
}

export interface ExplainedError {
  message: string;
  /** For bad input: one message per field path ("name", "after.id"). */
  fieldErrors?: Record<string, string[]>;
}

/** The one translation of an API error into what the reader is told, over HTTP or in a form. */
export function explainError(error: TRPCError, locale: Locale): ExplainedError {
  const t = translator(locale, "errors");
  const cause = error.cause;
  if (cause instanceof DomainError) return { message: t(cause.key, cause.values) };
  if (error.code === "BAD_REQUEST" && hasIssues(cause)) {
    return { message: t("badInput"), fieldErrors: validationMessages(locale, cause.issues) };
  }
  const key = codeKeys[error.code];
  return { message: key ? t(key) : t("internal") };
}
