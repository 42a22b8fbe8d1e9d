// The SMPP 3.4 client: one transceiver bind to the provider's SMSC (Jasmin, Kannel, or a commercial
// endpoint), kept up with enquire_link and reconnected with a growing backoff. Texts go out as
// submit_sm, one per segment (a concatenation UDH joins them on the phone), paced to SMS_RATE.
// What comes back on the same bind is either a delivery receipt or a person's text; both are
// handed to the handlers the owner gave. Nothing here logs a number or a text.
import smpp, { type PDU, type Session } from "smpp";
import { failureFields, log } from "../log";
import type { SmppConfig } from "./config";
import { segment } from "./encoding";

export interface Receipt {
  /** The id the SMSC gave the segment in its submit_sm_resp. */
  providerId: string;
  state: "delivered" | "failed" | "pending";
  /** The carrier's word for a failure: its stat (UNDELIV, EXPIRED, …) and err code. */
  reason: string | null;
}

export interface InboundText {
  /** The sender's number as the SMSC gave it (digits, maybe with +). */
  from: string;
  text: string;
}

export interface TransportHandlers {
  onReceipt(receipt: Receipt): Promise<void>;
  onInbound(text: InboundText): Promise<void>;
}

export interface Submitted {
  providerIds: string[];
  segments: number;
}

/** The SMSC is unreachable, refused the bind, or refused a text: try again later. */
export class SmsUnavailable extends Error {
  constructor(readonly reason: string) {
    super(`SMS provider unavailable: ${reason}`);
    this.name = "SmsUnavailable";
  }
}

const ENQUIRE_LINK_MS = 30_000;
const RESPONSE_TIMEOUT_MS = 15_000;
const MAX_BACKOFF_MS = 60_000;
const RECEIPT = 0x04;
const STATES: Record<number, Receipt["state"]> = {
  1: "pending",
  2: "delivered",
  3: "failed",
  4: "failed",
  5: "failed",
  6: "pending",
  7: "failed",
  8: "failed",
};

export class SmppTransport {
  private session: Session | null = null;
  private bound = false;
  /** A connection or bind failed since the last bind: senders fail at once instead of waiting. */
  private failing = false;
  private stopped = false;
  private backoffMs = 500;
  private retryTimer: NodeJS.Timeout | undefined;
  private waiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private pending = new Map<number, (error: Error) => void>();
  private nextSlot = 0;
  private reference = Math.floor(Math.random() * 256);
  private partials = new Map<string, { parts: string[]; received: number; timer: NodeJS.Timeout }>();

  constructor(
    private readonly config: SmppConfig,
    private readonly handlers: TransportHandlers,
  ) {}

  get isBound(): boolean {
    return this.bound;
  }

  start(): void {
    this.stopped = false;
    if (!this.session) this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const session = this.session;
    this.session = null;
    this.bound = false;
    for (const waiter of this.waiters.splice(0)) waiter.reject(new SmsUnavailable("stopped"));
    for (const partial of this.partials.values()) clearTimeout(partial.timer);
    if (!session) return;
    await new Promise<void>((resolve) => {
      const done = setTimeout(() => session.destroy(() => resolve()), 1_000);
      if (!session.socket.writable) {
        clearTimeout(done);
        session.destroy(() => resolve());
        return;
      }
      session.unbind({}, () => {
        clearTimeout(done);
        session.destroy(() => resolve());
      });
    });
  }

  private connect() {
    const session = smpp.connect({
      host: this.config.host,
      port: this.config.port,
      tls: this.config.tls,
      auto_enquire_link_period: ENQUIRE_LINK_MS,
    });
    this.session = session;
    session.on(this.config.tls ? "secureConnect" : "connect", () => {
      session.bind_transceiver(
        {
          system_id: this.config.systemId,
          password: this.config.password,
          system_type: this.config.systemType,
          interface_version: 0x34,
        },
        (pdu) => {
          if (this.session !== session) return;
          if (pdu.command_status === 0) {
            this.bound = true;
            this.failing = false;
            this.backoffMs = 500;
            log.info("sms: bound to the SMSC");
            for (const waiter of this.waiters.splice(0)) waiter.resolve();
          } else {
            log.warn("sms: the SMSC refused the bind", { status: pdu.command_status });
            session.destroy();
          }
        },
      );
    });
    session.on("deliver_sm", (pdu: PDU) => {
      session.send(pdu.response());
      void this.received(pdu).catch((error: unknown) =>
        log.warn("sms: an incoming text could not be handled", failureFields(error)),
      );
    });
    session.on("enquire_link", (pdu: PDU) => session.send(pdu.response()));
    session.on("unbind", (pdu: PDU) => {
      session.send(pdu.response());
      session.destroy();
    });
    session.on("error", (error: unknown) => log.warn("sms: connection error", failureFields(error)));
    session.on("close", () => {
      if (this.session !== session) return;
      this.session = null;
      this.bound = false;
      this.failing = true;
      for (const reject of this.pending.values()) reject(new SmsUnavailable("connection closed"));
      this.pending.clear();
      if (this.stopped) return;
      const wait = this.backoffMs;
      this.backoffMs = Math.min(MAX_BACKOFF_MS, this.backoffMs * 2);
      this.retryTimer = setTimeout(() => {
        if (!this.stopped && !this.session) this.connect();
      }, wait);
    });
  }

  /** Waits for the bind, up to `ms`: a provider that is down makes the caller retry later. */
  private async ready(ms: number): Promise<Session> {
    if (this.stopped) throw new SmsUnavailable("stopped");
    if (!this.bound) {
      this.start();
      if (this.failing) throw new SmsUnavailable("not bound");
      await new Promise<void>((resolve, reject) => {
        const waiter = {
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
          reject: (e: Error) => {
            clearTimeout(timer);
            reject(e);
          },
        };
        const timer = setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          reject(new SmsUnavailable("not bound"));
        }, ms);
        this.waiters.push(waiter);
      });
    }
    return this.session!;
  }

  /** Waits for this process's next submit_sm slot under SMS_RATE. */
  private async pace(): Promise<void> {
    if (!this.config.rate) return;
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + 1000 / this.config.rate;
    if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
  }

  /** One submit_sm, answered or refused. */
  private async submitPdu(options: Record<string, unknown>): Promise<string> {
    await this.pace();
    const session = await this.ready(5_000);
    return new Promise<string>((resolve, reject) => {
      let sequence = 0;
      const timer = setTimeout(() => {
        this.pending.delete(sequence);
        reject(new SmsUnavailable("no answer to submit_sm"));
      }, RESPONSE_TIMEOUT_MS);
      const fail = (error: Error) => {
        clearTimeout(timer);
        reject(error);
      };
      const sent = session.submit_sm(options, (pdu) => {
        clearTimeout(timer);
        this.pending.delete(sequence);
        if (pdu.command_status === 0) resolve(String(pdu.message_id ?? ""));
        else reject(new SmsUnavailable(`submit_sm refused with status ${pdu.command_status}`));
      });
      if (!sent) return fail(new SmsUnavailable("connection not writable"));
      // The session numbered the PDU as it sent it: the last one it gave out.
      sequence = (session as unknown as { sequence: number }).sequence;
      this.pending.set(sequence, fail);
    });
  }

  /**
   * Sends `text` to `to` (E.164): one submit_sm per segment, GSM-7 (data_coding 0, the SMSC's
   * default alphabet) or UCS-2 (data_coding 8), with a receipt asked for each.
   */
  async submit(to: string, text: string): Promise<Submitted> {
    const { encoding, parts } = segment(text);
    const dataCoding = encoding === "GSM-7" ? 0x00 : 0x08;
    const alphanumeric = /[^\d+]/.test(this.config.source);
    const common = {
      source_addr_ton: alphanumeric ? 5 : 1,
      source_addr_npi: alphanumeric ? 0 : 1,
      source_addr: this.config.source,
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      destination_addr: to.replace(/^\+/, ""),
      registered_delivery: 1,
      data_coding: dataCoding,
    };
    const providerIds: string[] = [];
    if (parts.length === 1) {
      providerIds.push(await this.submitPdu({ ...common, short_message: parts[0] }));
    } else {
      // Taken once: texts sent at once interleave their parts, and each keeps its own reference.
      const reference = (this.reference = (this.reference + 1) % 256);
      for (const [i, part] of parts.entries()) {
        // The concatenation header: IEI 0x00 (8-bit reference), reference, total, this part.
        const udh = Buffer.from([0x05, 0x00, 0x03, reference, parts.length, i + 1]);
        providerIds.push(await this.submitPdu({ ...common, short_message: { udh, message: part } }));
      }
    }
    return { providerIds, segments: parts.length };
  }

  private async received(pdu: PDU) {
    const esmClass = Number(pdu.esm_class ?? 0);
    const body = pdu.short_message as { message?: unknown; udh?: Buffer[] } | undefined;
    const payload = pdu.message_payload as { message?: unknown } | undefined;
    const text = String(body?.message || payload?.message || "");
    if ((esmClass & 0x3c) === RECEIPT) {
      await this.handlers.onReceipt(parseReceipt(pdu, text));
      return;
    }
    const from = String(pdu.source_addr ?? "");
    const concat = body?.udh?.find((ie) => ie[0] === 0x00 && ie.length >= 5);
    if (!concat) {
      await this.handlers.onInbound({ from, text });
      return;
    }
    // One part of a long text: kept until all have come (or for a minute, then handed over as is).
    const [ref, total, seq] = [concat[2]!, concat[3]!, concat[4]!];
    const key = `${from}:${ref}:${total}`;
    let partial = this.partials.get(key);
    if (!partial) {
      const timer = setTimeout(() => {
        const left = this.partials.get(key);
        this.partials.delete(key);
        if (left) void this.handlers.onInbound({ from, text: left.parts.join("") }).catch(() => {});
      }, 60_000);
      partial = { parts: Array<string>(total).fill(""), received: 0, timer };
      this.partials.set(key, partial);
    }
    if (!partial.parts[seq - 1]) partial.received++;
    partial.parts[seq - 1] = text;
    if (partial.received < total) return;
    clearTimeout(partial.timer);
    this.partials.delete(key);
    await this.handlers.onInbound({ from, text: partial.parts.join("") });
  }
}

/**
 * A delivery receipt: the receipted_message_id and message_state TLVs when the SMSC sends them,
 * else the `id:… stat:… err:…` text of SMPP 3.4's appendix B that every SMSC writes.
 */
export function parseReceipt(pdu: PDU, text: string): Receipt {
  const field = (name: string) => new RegExp(`\\b${name}:(\\S+)`, "i").exec(text)?.[1];
  const providerId = String(pdu.receipted_message_id ?? field("id") ?? "");
  const stat = field("stat")?.toUpperCase();
  const err = field("err");
  const byTlv = typeof pdu.message_state === "number" ? STATES[pdu.message_state] : undefined;
  const byText =
    stat === "DELIVRD"
      ? "delivered"
      : stat === "ENROUTE" || stat === "ACCEPTD"
        ? "pending"
        : stat
          ? "failed"
          : undefined;
  const state = byTlv ?? byText ?? "pending";
  const reason =
    state === "failed"
      ? [stat ?? "FAILED", err && err !== "000" ? `err ${err}` : ""].filter(Boolean).join(" ")
      : null;
  return { providerId, state, reason: reason?.slice(0, 100) ?? null };
}
