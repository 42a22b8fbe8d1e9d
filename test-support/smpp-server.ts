// A real SMSC for tests, from the `smpp` package's server side, on 127.0.0.1 and a free port: it
// accepts a transceiver bind, keeps every submit_sm, answers each with a message id, and can send
// delivery receipts and people's texts back on the bind. It can go down and come back on its port.
import type { AddressInfo } from "node:net";
import smpp, { type PDU, type Server, type Session } from "smpp";

export interface SubmittedText {
  to: string;
  from: string;
  messageId: string;
  dataCoding: number;
  /** The segment's text, decoded. */
  text: string;
  /** The concatenation header's reference, total and part number, for a segment of a long text. */
  concat: { ref: number; total: number; seq: number } | null;
}

export interface TestSmsc {
  url: string;
  port: number;
  submitted: SubmittedText[];
  /** How many transceiver binds were accepted (a reconnection binds again). */
  binds: number;
  /** Segments to one number, joined per text by their concatenation header. */
  textsTo(to: string): string[];
  waitForSubmitted(count: number, timeoutMs?: number): Promise<void>;
  waitForBind(timeoutMs?: number): Promise<void>;
  sendReceipt(
    messageId: string,
    stat?: "DELIVRD" | "UNDELIV" | "EXPIRED" | "REJECTD",
    err?: string,
  ): Promise<void>;
  sendText(from: string, text: string): Promise<void>;
  /** Makes every later submit_sm wait for `gate` before it is answered. */
  holdSubmits(gate: Promise<void> | null): void;
  /**
   * Goes down right after answering the `count`-th submit_sm (counting all so far): each one
   * recorded was answered, and any that arrive after it are neither recorded nor answered.
   */
  downAfter(count: number): Promise<void>;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startSmsc(
  options: { systemId?: string; password?: string; port?: number } = {},
): Promise<TestSmsc> {
  const systemId = options.systemId ?? "puente";
  const password = options.password ?? "secret";
  let server: Server | null = null;
  // A free port unless one is given (the e2e run's app is told its port before the SMSC starts).
  let port = options.port ?? 0;
  let nextId = 1;
  let gate: Promise<void> | null = null;
  let downAt: { count: number; done: () => void } | null = null;
  let refusing = false;
  const sessions = new Set<Session>();
  const state: Pick<TestSmsc, "submitted" | "binds"> = { submitted: [], binds: 0 };

  const onSession = (session: Session) => {
    sessions.add(session);
    session.on("close", () => sessions.delete(session));
    session.on("error", () => {});
    session.on("bind_transceiver", (pdu: PDU) => {
      if (pdu.system_id !== systemId || pdu.password !== password) {
        session.send(pdu.response({ command_status: smpp.ESME_RBINDFAIL }));
        session.close();
        return;
      }
      state.binds++;
      session.send(pdu.response({ system_id: "test-smsc" }));
    });
    session.on("enquire_link", (pdu: PDU) => session.send(pdu.response()));
    session.on("unbind", (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on("deliver_sm_resp", () => {});
    session.on("submit_sm", async (pdu: PDU) => {
      if (gate) await gate;
      if (refusing) return;
      const body = pdu.short_message as { message: string | Buffer; udh?: Buffer[] };
      const concat = body.udh?.find((ie) => ie[0] === 0x00);
      const messageId = `m${nextId++}`;
      state.submitted.push({
        to: String(pdu.destination_addr),
        from: String(pdu.source_addr),
        messageId,
        dataCoding: Number(pdu.data_coding),
        text: String(body.message),
        concat: concat ? { ref: concat[2]!, total: concat[3]!, seq: concat[4]! } : null,
      });
      const response = pdu.response({ message_id: messageId });
      if (downAt && state.submitted.length >= downAt.count) {
        const { done } = downAt;
        downAt = null;
        refusing = true;
        // Answered first; then every connection ends, and the port closes.
        session.send(response, () => void smsc.down().then(done));
        return;
      }
      session.send(response);
    });
  };

  const listen = async () => {
    server = smpp.createServer(onSession);
    await new Promise<void>((resolve) => server!.listen(port, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  };
  const deliver = async (fields: Record<string, unknown>) => {
    const session = [...sessions][0];
    if (!session) throw new Error("No client is bound to the test SMSC");
    await new Promise<void>((resolve, reject) =>
      session.deliver_sm(fields, (pdu) =>
        pdu.command_status === 0 ? resolve() : reject(new Error("refused")),
      ),
    );
  };
  const waitUntil = async (ok: () => boolean, what: string, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!ok()) {
      if (Date.now() > deadline) throw new Error(`Test SMSC: ${what} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  await listen();
  const smsc: TestSmsc = {
    get url() {
      return `smpp://${systemId}:${password}@127.0.0.1:${port}?source=PUENTE`;
    },
    get port() {
      return port;
    },
    submitted: state.submitted,
    get binds() {
      return state.binds;
    },
    textsTo(to) {
      const digits = to.replace(/^\+/, "");
      const texts: string[] = [];
      const open = new Map<number, string[]>();
      for (const s of state.submitted.filter((s) => s.to === digits)) {
        if (!s.concat) {
          texts.push(s.text);
          continue;
        }
        const parts = open.get(s.concat.ref) ?? [];
        parts[s.concat.seq - 1] = s.text;
        open.set(s.concat.ref, parts);
        if (parts.filter((p) => p !== undefined).length === s.concat.total) {
          texts.push(parts.join(""));
          open.delete(s.concat.ref);
        }
      }
      return texts;
    },
    waitForSubmitted: (count, timeoutMs = 10_000) =>
      waitUntil(() => state.submitted.length >= count, `${count} submit_sm`, timeoutMs),
    waitForBind: (timeoutMs = 10_000) =>
      waitUntil(() => [...sessions].length > 0 && state.binds > 0, "a bind", timeoutMs),
    sendReceipt: (messageId, stat = "DELIVRD", err = "000") =>
      deliver({
        source_addr: "5200000000",
        destination_addr: "PUENTE",
        esm_class: 0x04,
        short_message: `id:${messageId} sub:001 dlvrd:${stat === "DELIVRD" ? "001" : "000"} submit date:2612052300 done date:2612052301 stat:${stat} err:${err} text:`,
      }),
    sendText: (from, text) =>
      deliver({
        source_addr: from.replace(/^\+/, ""),
        source_addr_ton: 1,
        destination_addr: "PUENTE",
        short_message: text,
      }),
    holdSubmits(next) {
      gate = next;
    },
    downAfter(count) {
      return new Promise<void>((done) => {
        downAt = { count, done };
      });
    },
    async down() {
      const closing = server;
      server = null;
      refusing = true;
      for (const session of sessions) session.close();
      sessions.clear();
      if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
    },
    async up() {
      refusing = false;
      if (!server) await listen();
    },
    close: () => smsc.down(),
  };
  return smsc;
}
