// A key's fingerprint as four words people can read to each other ("the key ends … ábaco, …"):
// the BIP39 word lists, the same 44 bits in Spanish and in English.
import { wordlist as english } from "@scure/bip39/wordlists/english.js";
import { wordlist as spanish } from "@scure/bip39/wordlists/spanish.js";
import type { Locale } from "../i18n/locale";

const lists: Record<Locale, string[]> = { es: spanish, en: english };

export function fingerprintWords(keyId: string, locale: Locale): string[] {
  const bits = BigInt(`0x${keyId}`) >> 20n; // the first 44 of its 64 bits
  return [3, 2, 1, 0].map((i) => lists[locale][Number((bits >> BigInt(11 * i)) & 2047n)]!);
}
