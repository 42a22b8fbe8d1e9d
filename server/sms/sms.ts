// The one way Puente sends a text: over the SMPP bind (./transport.ts) when SMS_URL is set. With no
// SMS_URL (a newcomer's machine), the text is not sent: it is printed on the server's output, as
// sign-in links are, so verification codes and messages can still be followed. The bind is opened
// when the server starts (instrumentation.ts), so people's texts and receipts arrive on it at once.
import type { Database } from "@/db/client";
import { log } from "../log";
import { smppConfig } from "./config";
import { receiveText, recordReceipt } from "./inbound";
import { maskNumber } from "./privacy";
import { SmppTransport, type Submitted } from "./transport";

let transport: SmppTransport | null | undefined;

/** Opens the bind (once) with handlers that write receipts and people's texts to `db`. */
export function startSms(db: Database): SmppTransport | null {
  if (transport !== undefined) return transport;
  const config = smppConfig();
  transport = config
    ? new SmppTransport(config, {
        onReceipt: (receipt) => recordReceipt(db, receipt),
        onInbound: (text) => receiveText(db, text, (to, body) => sendSms(db, to, body)),
      })
    : null;
  transport?.start();
  return transport;
}

/** Closes the bind; the next send or startSms opens a new one (with SMS_URL as it is then). */
export async function stopSms(): Promise<void> {
  const open = transport;
  transport = undefined;
  await open?.stop();
}

export const isSmsConfigured = () => smppConfig() !== null;

/**
 * Sends `text` to `to` (E.164). Returns null, having printed it for the developer, when SMS_URL is
 * not set; throws SmsUnavailable when the provider cannot take it now (the caller retries).
 */
export async function sendSms(db: Database, to: string, text: string): Promise<Submitted | null> {
  const open = startSms(db);
  if (!open) {
    log.warn("SMS_URL is not set: text not sent", { to: maskNumber(to) });
    // The one place a text is printed on purpose, for a developer without an SMS provider.
    console.log(`SMS to ${maskNumber(to)} (not sent, SMS_URL is not set): ${text}`);
    return null;
  }
  return open.submit(to, text);
}
