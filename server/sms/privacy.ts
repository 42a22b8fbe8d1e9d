// What of a phone number may appear in logs and keys: never the number itself.
import { createHash } from "node:crypto";

/** "+52•••••••67": country prefix kept short, all but the last two digits hidden. */
export function maskNumber(number: string): string {
  const digits = number.replace(/[^\d]/g, "");
  if (digits.length <= 4) return "•".repeat(digits.length);
  return `+${digits.slice(0, 2)}${"•".repeat(digits.length - 4)}${digits.slice(-2)}`;
}

/** The key of a number in rate limits and logs: a SHA-256, never the number. */
export const numberKeyOf = (e164: string) =>
  createHash("sha256").update(`puente-phone:${e164}`).digest("hex");
