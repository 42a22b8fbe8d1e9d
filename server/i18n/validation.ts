// Zod's issues, turned into short messages in the reader's language, keyed by field path.
import type { z } from "zod";
import type { Locale } from "./locale";
import { translator } from "./messages";

export function validationMessages(
  locale: Locale,
  issues: readonly z.core.$ZodIssue[],
): Record<string, string[]> {
  const t = translator(locale, "errors");
  const byField: Record<string, string[]> = {};
  for (const issue of issues) {
    const field = issue.path.map(String).join(".") || "_";
    // One message per field: the first problem is the one to fix first.
    byField[field] ??= [describeIssue(t, issue)];
  }
  return byField;
}

function describeIssue(t: ReturnType<typeof translator<"errors">>, issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "string") {
        return Number(issue.minimum) <= 1
          ? t("validation.required")
          : t("validation.tooShort", { minimum: Number(issue.minimum) });
      }
      if (issue.origin === "array" || issue.origin === "set") {
        return t("validation.tooFewItems", { minimum: Number(issue.minimum) });
      }
      return t("validation.tooSmall", { minimum: String(issue.minimum) });
    case "too_big":
      if (issue.origin === "string") return t("validation.tooLong", { maximum: Number(issue.maximum) });
      if (issue.origin === "array" || issue.origin === "set") {
        return t("validation.tooManyItems", { maximum: Number(issue.maximum) });
      }
      return t("validation.tooBig", { maximum: String(issue.maximum) });
    case "invalid_format":
      return issue.format === "email" ? t("validation.email") : t("validation.format");
    case "invalid_value":
      return t("validation.choice");
    case "invalid_type":
      return issue.input === undefined ? t("validation.required") : t("validation.type");
    case "custom": {
      const key = (issue.params as { key?: string } | undefined)?.key;
      return key && isCustomKey(key) ? t(`validation.${key}`) : t("validation.invalid");
    }
    case "unrecognized_keys":
      return t("validation.unknownField");
    default:
      return t("validation.invalid");
  }
}

/** Custom refinements name their message by `params.key`; these have one in the catalog. */
const customKeys = [
  "endsBeforeStart",
  "quantityOrNote",
  "needTwice",
  "arrivalNeedsPlace",
  "noSuchDay",
  "messageNeedsText",
  "controlCharacter",
  "withdrawalCode",
  "unknownPlace",
  "placeRequired",
  "placeOutsideArea",
  "positionHalf",
] as const;
const isCustomKey = (key: string): key is (typeof customKeys)[number] =>
  (customKeys as readonly string[]).includes(key);
