// A real SMTP server for the e2e run: the app's sign-in emails arrive here, are decoded (MIME,
// quoted-printable, base64) and handed to the test that waits for them.
import { SMTPServer } from "smtp-server";

export interface ReceivedEmail {
  /** Envelope recipients (RCPT TO), lower-cased. */
  to: string[];
  subject: string;
  /** The text/plain body, decoded. */
  text: string;
}

type Waiter = () => void;

export class Mailbox {
  private unread: ReceivedEmail[] = [];
  private waiters = new Set<Waiter>();
  private server: SMTPServer;

  constructor(private readonly port: number) {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      // The app's SMTP pool keeps its connections open: on close, end them at once (not after 30 s).
      closeTimeout: 100,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("error", callback);
        stream.on("end", () => {
          const to = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
          this.deliver({ to, ...parseMessage(Buffer.concat(chunks)) });
          callback();
        });
      },
    });
  }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(this.port, "127.0.0.1", () => {
        this.server.off("error", reject);
        resolve();
      });
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /**
   * The oldest unread email to `address`, waiting for it to arrive if need be. Each email is
   * returned once, so asking twice waits for a second email.
   */
  async waitForEmail(address: string, { timeout = 15_000 } = {}): Promise<ReceivedEmail> {
    const wanted = address.toLowerCase();
    const take = () => {
      const index = this.unread.findIndex((email) => email.to.includes(wanted));
      return index === -1 ? undefined : this.unread.splice(index, 1)[0];
    };
    const already = take();
    if (already) return already;
    return new Promise((resolve, reject) => {
      const waiter: Waiter = () => {
        const email = take();
        if (!email) return;
        this.waiters.delete(waiter);
        clearTimeout(timer);
        resolve(email);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const others = this.unread.flatMap((email) => email.to).join(", ") || "none";
        reject(
          new Error(`No email to ${address} arrived within ${timeout} ms (unread emails to: ${others})`),
        );
      }, timeout);
      this.waiters.add(waiter);
    });
  }

  /**
   * The sign-in link in the next email to `address` that has one: a demo person gets other mail
   * too (a decision's closing notice, say), which is read and set aside.
   */
  async waitForSignInLink(address: string): Promise<string> {
    for (;;) {
      const email = await this.waitForEmail(address);
      if (SIGN_IN_LINK.test(email.text)) return signInLinkIn(email);
    }
  }

  private deliver(email: ReceivedEmail) {
    this.unread.push(email);
    for (const waiter of [...this.waiters]) waiter();
  }
}

const SIGN_IN_LINK = /https?:\/\/\S+\/api\/auth\/callback\/email\?\S+/;

/** The Auth.js email-callback link in an email's text. */
export function signInLinkIn(email: ReceivedEmail): string {
  const link = email.text.match(SIGN_IN_LINK)?.[0];
  if (!link) throw new Error(`The email to ${email.to.join(", ")} has no sign-in link:\n${email.text}`);
  return link;
}

// --- A small MIME reader: enough for what Nodemailer sends (RFC 2045–2047). ---

interface Part {
  headers: Map<string, string>;
  /** The body's bytes as a latin1 string: one character per byte, decoded to text at the end. */
  body: string;
}

function parseMessage(raw: Buffer): { subject: string; text: string } {
  // The line break that ends the DATA is the transport's, not the message's.
  const message = splitPart(raw.toString("latin1").replace(/\r?\n$/, ""));
  return {
    subject: decodeEncodedWords(message.headers.get("subject") ?? ""),
    text: textOf(message) ?? "",
  };
}

function splitPart(raw: string): Part {
  const end = raw.search(/\r?\n\r?\n/);
  const head = end === -1 ? raw : raw.slice(0, end);
  const body = end === -1 ? "" : raw.slice(end).replace(/^\r?\n\r?\n/, "");
  const headers = new Map<string, string>();
  // Folded header lines continue with whitespace (RFC 5322 2.2.3).
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

/** The first text/plain part, decoded; multipart messages are searched depth first. */
function textOf(part: Part): string | undefined {
  const contentType = part.headers.get("content-type") ?? "text/plain";
  const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
  if (mediaType.startsWith("multipart/")) {
    const boundary = parameter(contentType, "boundary");
    if (!boundary) return undefined;
    const delimiter = `--${boundary}`;
    const sections = part.body.split(delimiter).slice(1);
    for (const section of sections) {
      if (section.startsWith("--")) break; // the closing delimiter
      // The line break before a delimiter belongs to the delimiter (RFC 2046 5.1.1).
      const text = textOf(splitPart(section.replace(/^[ \t]*\r?\n/, "").replace(/\r?\n$/, "")));
      if (text !== undefined) return text;
    }
    return undefined;
  }
  if (mediaType !== "text/plain") return undefined;
  const bytes = decodeTransfer(part.body, part.headers.get("content-transfer-encoding") ?? "7bit");
  return bytes.toString(charsetOf(parameter(contentType, "charset"))).replace(/\r\n/g, "\n");
}

function parameter(headerValue: string, name: string): string | undefined {
  const match = headerValue.match(new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, "i"));
  return match ? (match[1] ?? match[2]) : undefined;
}

function charsetOf(charset: string | undefined): BufferEncoding {
  const normalized = (charset ?? "us-ascii").toLowerCase();
  return normalized === "iso-8859-1" || normalized === "latin1" ? "latin1" : "utf8";
}

function decodeTransfer(body: string, encoding: string): Buffer {
  switch (encoding.trim().toLowerCase()) {
    case "quoted-printable":
      return decodeQuotedPrintable(body);
    case "base64":
      return Buffer.from(body.replace(/\s+/g, ""), "base64");
    default:
      return Buffer.from(body, "latin1");
  }
}

/** RFC 2045 6.7: `=` at a line's end is a soft break; `=XX` is the byte XX. */
export function decodeQuotedPrintable(body: string): Buffer {
  // Trailing whitespace on a line was added in transit; the soft break after it joins the lines.
  const joined = body.replace(/[ \t]+(?=\r?\n|$)/g, "").replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(joined.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded words in headers, e.g. `=?UTF-8?Q?Tu_enlace?=`. */
function decodeEncodedWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?") // whitespace between adjacent encoded words is not text
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, charset: string, kind: string, text: string) => {
      const bytes =
        kind.toUpperCase() === "B"
          ? Buffer.from(text, "base64")
          : decodeQuotedPrintable(text.replace(/_/g, " "));
      return bytes.toString(charsetOf(charset));
    });
}
