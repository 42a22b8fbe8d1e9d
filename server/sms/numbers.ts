// Phone numbers as Puente keeps them: E.164, parsed by libphonenumber-js (Google's metadata: it
// knows Mexican, Central American and US numbering). A number typed without a country code is
// taken as Mexican.
import { parsePhoneNumberFromString } from "libphonenumber-js/max";

export const DEFAULT_REGION = "MX";

/** `input` as E.164 ("+526641234567"), or null when it is not a valid phone number. */
export function toE164(input: string): string | null {
  const trimmed = input.trim();
  if (!trimmed || trimmed.length > 40) return null;
  const parsed = parsePhoneNumberFromString(trimmed, DEFAULT_REGION);
  if (parsed?.isValid()) return parsed.number;
  // Mexico dropped the "1" of mobile numbers in 2019, but phones and carriers still write it.
  if (parsed?.countryCallingCode === "52" && /^1\d{10}$/.test(parsed.nationalNumber)) {
    return toE164(`+52${parsed.nationalNumber.slice(1)}`);
  }
  return null;
}

/**
 * The sender of an incoming text as E.164. SMSCs give international numbers as digits without "+"
 * (TON 1); a national number (a short code, a local sender) is read as Mexican.
 */
export function senderE164(from: string): string | null {
  const digits = from.replace(/[^\d+]/g, "");
  if (!digits) return null;
  if (digits.startsWith("+")) return toE164(digits);
  return toE164(`+${digits}`) ?? toE164(digits);
}

/** How a number is shown to its owner: "+52 664 123 4567". */
export function displayNumber(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
