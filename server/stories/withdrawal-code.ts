// A story's withdrawal code: what the teller writes on paper and types on a borrowed phone when the
// link is lost. Twelve characters of Crockford's base32 (no I, L, O or U to misread), 60 random
// bits: far beyond guessing, without any limit on tries. Only its hash is stored, as for the
// links of earlier stories (43 characters), which keep working.
import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE = /^[0-9A-HJKMNP-TV-Z]{12}$/;
const LEGACY_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function newWithdrawalCode(): string {
  let bits = randomBytes(8).readBigUInt64BE();
  let code = "";
  for (let i = 0; i < 12; i++, bits >>= 5n) code += ALPHABET[Number(bits & 31n)];
  return code;
}

/**
 * The key a typed code or a link stands for, or null: a code as people write it (lower case,
 * spaces or dashes between groups, I or L for 1, O for 0), or an earlier story's whole token.
 */
export function withdrawalKey(typed: string): string | null {
  const value = typed.trim();
  if (LEGACY_TOKEN.test(value)) return value;
  const code = value.toUpperCase().replace(/[\s-]/g, "").replace(/[IL]/g, "1").replace(/O/g, "0");
  return CODE.test(code) ? code : null;
}

/** The code in groups of four, to read out and write down: K7M2-9QXR-4TZB. */
export const groupedCode = (code: string) => code.match(/.{1,4}/g)!.join("-");
