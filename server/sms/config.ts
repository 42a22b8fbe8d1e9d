// SMS_URL and SMS_RATE: where Puente's texts go and how fast. Without SMS_URL, texts are printed on
// the server's output instead (./sms.ts), so a newcomer can use every feature.
import { env } from "@/db/env";

export interface SmppConfig {
  host: string;
  port: number;
  tls: boolean;
  systemId: string;
  password: string;
  /** The sender shown on phones: a short code, a number, or up to 11 letters. */
  source: string;
  systemType: string;
  /** submit_sm per second at most (each segment is one); 0 for no limit. */
  rate: number;
}

/**
 * `smpp://system_id:password@host:2775?source=PUENTE` (or `smpps://` over TLS, default port 3550);
 * null when SMS_URL is not set. A malformed value stops the server: it would lose every text.
 */
export function smppConfig(): SmppConfig | null {
  const raw = env("SMS_URL");
  if (!raw) return null;
  const url = new URL(raw);
  const tls = url.protocol === "smpps:" || url.protocol === "ssmpp:";
  if (!tls && url.protocol !== "smpp:") throw new Error("SMS_URL must start with smpp:// or smpps://");
  return {
    host: url.hostname,
    port: Number(url.port || (tls ? 3550 : 2775)),
    tls,
    systemId: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    source: url.searchParams.get("source") ?? "PUENTE",
    systemType: url.searchParams.get("system_type") ?? "",
    rate: smsRate(),
  };
}

/** SMS_RATE, messages per second the provider allows (default 10); 0 or "none" for no limit. */
export function smsRate(): number {
  const raw = env("SMS_RATE");
  if (raw === undefined || raw === "") return 10;
  if (raw === "none") return 0;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new Error("SMS_RATE must be a number of messages per second");
  return value;
}

/** The default daily cap: 2,000 segments a group a day (a 2-segment text to 1,000 people). */
export const DEFAULT_DAILY_CAP = 2000;

/**
 * SMS_DAILY_CAP_PER_GROUP, segments each group's messages may send per UTC day (default 2,000);
 * null, for no cap, when it is 0 or "none".
 */
export function smsDailyCap(): number | null {
  const raw = env("SMS_DAILY_CAP_PER_GROUP");
  if (raw === undefined) return DEFAULT_DAILY_CAP;
  if (raw === "none" || raw === "0") return null;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error("SMS_DAILY_CAP_PER_GROUP must be a whole number of segments, 0 or none");
  return value;
}
