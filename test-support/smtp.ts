// A real SMTP server for tests: it accepts every message on 127.0.0.1 and keeps it in memory.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedEmail {
  to: string[];
  raw: string;
  /** The plain-text body, with quoted-printable soft line breaks and escapes decoded. */
  text: string;
}

export interface TestMailbox {
  url: string;
  received: ReceivedEmail[];
  waitFor(to: string, timeoutMs?: number): Promise<ReceivedEmail>;
  close(): Promise<void>;
}

export function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

/**
 * `accept`, when given, is awaited before each message is taken (its sender waits for the answer
 * meanwhile): a test can hold one send open, e.g. to kill the sender in the middle of it.
 */
export async function startMailbox(
  port = 0,
  options: { accept?: (to: string[]) => Promise<void> } = {},
): Promise<TestMailbox> {
  const received: ReceivedEmail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    // The app's SMTP pool keeps its connections open: on close, end them at once (not after 30 s).
    closeTimeout: 100,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", async () => {
        await options.accept?.(session.envelope.rcptTo.map((r) => r.address.toLowerCase()));
        const raw = Buffer.concat(chunks).toString("utf8");
        const body = raw.slice(raw.indexOf("\r\n\r\n") + 4);
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          raw,
          text: /quoted-printable/i.test(raw) ? decodeQuotedPrintable(body) : body,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: bound } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${bound}`,
    received,
    async waitFor(to, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const email = received.find((e) => e.to.includes(to.toLowerCase()));
        if (email) return email;
        if (Date.now() > deadline) throw new Error(`No email to ${to} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
