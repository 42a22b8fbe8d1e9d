// How a text travels as SMS: GSM-7 when every character is in the GSM 03.38 default alphabet (or
// its extension table), UCS-2 otherwise, cut into the segments a phone joins back together.
// Counting and cutting are Twilio's sms-segments-calculator: it is maintained, typed, and hands
// back the characters of each segment it counted, so what is sent is exactly what was counted
// (an escaped GSM character or a UCS-2 surrogate pair is never split across two segments).
import { SegmentedMessage } from "sms-segments-calculator";

export type SmsEncoding = "GSM-7" | "UCS-2";

export interface SegmentedText {
  encoding: SmsEncoding;
  /** The text of each segment, in order; one part when the text fits in one SMS. */
  parts: string[];
}

interface CountedChar {
  raw?: unknown;
  isUserDataHeader?: boolean;
}

export function segment(text: string): SegmentedText {
  const message = new SegmentedMessage(text);
  const encoding: SmsEncoding = message.encodingName === "GSM-7" ? "GSM-7" : "UCS-2";
  // Array.from: a Segment is an Array subclass whose constructor adds header entries, so its own
  // filter and map (which build new Segments) would invent characters.
  const parts = (message.segments as unknown as CountedChar[][]).map((s) =>
    Array.from(s)
      .filter((c) => !c.isUserDataHeader && typeof c.raw === "string")
      .map((c) => c.raw as string)
      .join(""),
  );
  return { encoding, parts: parts.length ? parts : [""] };
}

export const segmentCount = (text: string) => new SegmentedMessage(text).segmentsCount;

/**
 * `text` whole when it fits in `maxSegments`; otherwise as much of its beginning as fits with
 * "…" and `tail` (a link to the whole) after it.
 */
export function fitToSegments(text: string, maxSegments: number, tail: string): string {
  if (segmentCount(text) <= maxSegments) return text;
  const chars = Array.from(text);
  const withTail = (n: number) => `${chars.slice(0, n).join("").trimEnd()}… ${tail}`;
  let [low, high] = [0, chars.length];
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (segmentCount(withTail(mid)) <= maxSegments) low = mid;
    else high = mid - 1;
  }
  return withTail(low);
}
