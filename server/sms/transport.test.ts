// The SMPP client against a real SMSC in this process (test-support/smpp-server.ts): binding,
// encodings and segments, receipts and texts on the same bind, and a provider that goes away.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmsc, type TestSmsc } from "../../test-support/smpp-server";
import { fitToSegments, segment, segmentCount } from "./encoding";
import { SmppTransport, SmsUnavailable, type InboundText, type Receipt } from "./transport";

let smsc: TestSmsc;
let transport: SmppTransport;
const receipts: Receipt[] = [];
const inbound: InboundText[] = [];

function client(url: string, rate = 0) {
  const parsed = new URL(url);
  return new SmppTransport(
    {
      host: parsed.hostname,
      port: Number(parsed.port),
      tls: false,
      systemId: decodeURIComponent(parsed.username),
      password: decodeURIComponent(parsed.password),
      source: "PUENTE",
      systemType: "",
      rate,
    },
    {
      onReceipt: async (r) => void receipts.push(r),
      onInbound: async (t) => void inbound.push(t),
    },
  );
}

beforeAll(async () => {
  smsc = await startSmsc();
  transport = client(smsc.url);
  transport.start();
  await smsc.waitForBind();
});
afterAll(async () => {
  await transport.stop();
  await smsc.close();
});

const waitFor = async (ok: () => boolean) => {
  const deadline = Date.now() + 10_000;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("segments and encodings", () => {
  it("uses GSM-7 only when every character is in the GSM 03.38 alphabet", () => {
    // ¿ and é are in the default alphabet; á, í, ó and ú are not.
    expect(segment("¿Qué pasa?").encoding).toBe("GSM-7");
    expect(segment("¿Dónde está el albergue?").encoding).toBe("UCS-2");
    expect(segment("Donde esta el albergue? Llamen al 664 000 0000").encoding).toBe("GSM-7");
    expect(segment("Mañana a las 8 €").encoding).toBe("GSM-7");
  });

  it("cuts 160 GSM-7 or 70 UCS-2 characters into one segment, longer texts into 153 or 67", () => {
    expect(segmentCount("a".repeat(160))).toBe(1);
    expect(segment("a".repeat(161)).parts.map((p) => p.length)).toEqual([153, 8]);
    expect(segmentCount("ó".repeat(70))).toBe(1);
    expect(segment("ó".repeat(71)).parts.map((p) => p.length)).toEqual([67, 4]);
  });

  it("keeps a long text to its first part and a link", () => {
    const link = "https://puente.example/inbox/1";
    const fitted = fitToSegments("palabra ".repeat(100), 2, link);
    expect(segmentCount(fitted)).toBe(2);
    expect(fitted.endsWith(`… ${link}`)).toBe(true);
    expect(fitToSegments("corto", 2, link)).toBe("corto");
  });
});

describe("the SMPP client", () => {
  it("binds as a transceiver and sends GSM-7 with data_coding 0", async () => {
    const before = smsc.submitted.length;
    const { providerIds, segments } = await transport.submit("+526641234567", "Hola, ¿vienes hoy?");
    expect(segments).toBe(1);
    const [sent] = smsc.submitted.slice(before);
    expect(sent).toMatchObject({
      to: "526641234567",
      from: "PUENTE",
      dataCoding: 0,
      text: "Hola, ¿vienes hoy?",
    });
    expect(providerIds).toEqual([sent!.messageId]);
  });

  it("sends UCS-2 with data_coding 8, and a long text as concatenated segments", async () => {
    const before = smsc.submitted.length;
    await transport.submit("+526641234568", "¿Dónde está el albergue?");
    const long =
      "Llegó la caravana al albergue de la colonia; necesitamos agua, cobijas y medicinas. ".repeat(3);
    const { segments, providerIds } = await transport.submit("+526641234568", long);
    const sent = smsc.submitted.slice(before);
    expect(sent[0]).toMatchObject({ dataCoding: 8, text: "¿Dónde está el albergue?", concat: null });
    expect(segments).toBe(4);
    expect(providerIds).toHaveLength(4);
    expect(sent.slice(1).map((s) => s.concat?.seq)).toEqual([1, 2, 3, 4]);
    expect(smsc.textsTo("+526641234568")).toEqual(["¿Dónde está el albergue?", long]);
  });

  it("hands over receipts and people's texts that arrive on the bind", async () => {
    const { providerIds } = await transport.submit("+526641234569", "Prueba");
    await smsc.sendReceipt(providerIds[0]!, "DELIVRD");
    await smsc.sendReceipt("other", "UNDELIV", "011");
    await smsc.sendText("+526641234569", "¡Sí, ahí estaré!");
    await waitFor(() => receipts.length >= 2 && inbound.length >= 1);
    expect(receipts.slice(-2)).toEqual([
      { providerId: providerIds[0], state: "delivered", reason: null },
      { providerId: "other", state: "failed", reason: "UNDELIV err 011" },
    ]);
    expect(inbound.at(-1)).toEqual({ from: "526641234569", text: "¡Sí, ahí estaré!" });
  });

  it("refuses while the provider is down, then binds again by itself", async () => {
    const binds = smsc.binds;
    await smsc.down();
    await expect(transport.submit("+526641234560", "¿Hay alguien?")).rejects.toBeInstanceOf(SmsUnavailable);
    await smsc.up();
    await waitFor(() => smsc.binds > binds);
    await transport.submit("+526641234560", "Ya volvió");
    expect(smsc.textsTo("+526641234560")).toEqual(["Ya volvió"]);
  });

  it("paces its submit_sm to SMS_RATE", async () => {
    const paced = client(smsc.url, 20);
    const started = Date.now();
    for (let i = 0; i < 6; i++) await paced.submit("+526641234561", `n${i}`);
    // Six at 20 per second: the sixth waits at least 5 × 50 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    await paced.stop();
  });
});
