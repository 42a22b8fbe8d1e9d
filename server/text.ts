// The one schema for text a person types (names, titles, descriptions, messages, stories,
// searches): trimmed, line ends as "\n", and no control characters but newline and tab.
import { z } from "zod";

/**
 * C0 controls but tab and newline, DEL, C1 controls, and a half of a surrogate pair with no other
 * half (with the `u` flag a whole pair is one character and does not match). PostgreSQL refuses
 * NUL outright (a server error, with the text in its message); the others hide text from
 * reviewers, rewrite a terminal that shows a log or an export, or break JSON and UTF-8 later.
 */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ud800-\udfff]/u;

/**
 * `text` without its control characters (but newline and tab), for text that arrives with nobody to
 * refuse it to: an SMS has no form to show an error in, so its controls are dropped, not its words.
 */
export const withoutControls = (text: string) =>
  text.replace(/\r\n?/g, "\n").replace(new RegExp(CONTROL.source, "gu"), "");

/** Free text of at most `max` characters, refused per field ("controlCharacter") when it holds a control character. */
export const freeText = (max: number) =>
  z
    .string()
    // Forms send CRLF; a lone CR is an old Mac's newline. Stored as "\n" either way.
    .overwrite((value) => value.replace(/\r\n?/g, "\n"))
    .trim()
    .max(max)
    .refine((value) => !CONTROL.test(value), { params: { key: "controlCharacter" } });

/**
 * A person's id (Auth.js makes UUIDs; any id of letters, digits, "-" and "_" is accepted), where an
 * input names someone: refused as bad input, never a query error, when it holds anything else.
 */
export const userId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
