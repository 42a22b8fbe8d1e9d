// A signed statement, the same on the server and on a phone with no connection: the canonical
// bytes that are signed, the text a person forwards (which is also what the QR code holds), and
// its check against the instance's public keys. No Node API here: /verify runs it in the browser.
import * as ed from "@noble/ed25519";
import canonicalize from "canonicalize";
import type { StatementKind } from "@/db/schema/signing";

export type { StatementKind };

/** What Puente states: the text in both languages, when, by which instance. */
export interface Statement {
  v: 1;
  /**
   * The statement's own id: two statements saying the same words in the same second (a message
   * sent twice) are still two, with two signatures (Ed25519 signs the same bytes the same way).
   */
  id: string;
  /** The instance's own address (PUENTE_URL), e.g. "https://puente.example.org". */
  instance: string;
  kind: StatementKind;
  /** When it was stated, to the second, in UTC: "2026-12-05T23:10:00Z". */
  at: string;
  es: string;
  en: string;
}

/** A public key as published at /.well-known/puente-key. */
export interface PublishedKey {
  id: string;
  publicKey: string;
  createdAt: string;
  retiredAt: string | null;
}

/**
 * Text as chats carry it: the same letters may come back as other code points, with line breaks
 * and spaces added or dropped. The signature covers the words, not the layout.
 */
export function normalizeText(text: string): string {
  return text.normalize("NFC").replace(/\s+/gu, " ").trim();
}

/** The statement as signed: canonical JSON (RFC 8785), its texts normalized, as UTF-8. */
export function statementBytes(statement: Statement): Uint8Array {
  const canonical = canonicalize({
    ...statement,
    es: normalizeText(statement.es),
    en: normalizeText(statement.en),
  });
  return new TextEncoder().encode(canonical);
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
}

/** A key's id: the first 16 hex digits of the SHA-256 of its public key. */
export async function keyIdOf(publicKey: Uint8Array): Promise<string> {
  const digest = await sha256(publicKey);
  return Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, "0")).join("");
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** The short code of a signature: ten Crockford base-32 letters in two groups, "K7Q4M-Z9TXW". */
export async function codeOf(signature: Uint8Array): Promise<string> {
  const digest = await sha256(signature);
  let bits = 0n;
  for (const byte of digest.slice(0, 7)) bits = (bits << 8n) | BigInt(byte);
  let code = "";
  for (let i = 0; i < 10; i++) code += CROCKFORD[Number((bits >> BigInt(51 - 5 * (i + 1))) & 31n)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** A typed code as its canonical form ("k7q4m z9txw", "K7Q4MZ9TXW" → "K7Q4M-Z9TXW"), or null. */
export function normalizeCode(input: string): string | null {
  const letters = input.toUpperCase().replace(/[\s-]/g, "").replace(/[IL]/g, "1").replace(/O/g, "0");
  if (!/^[0-9A-HJKMNP-TV-Z]{10}$/.test(letters)) return null;
  return `${letters.slice(0, 5)}-${letters.slice(5)}`;
}

/** A signed statement as it travels: the statement, which key signed it, and the signature. */
export interface Envelope {
  statement: Statement;
  keyId: string;
  signature: string;
}

/**
 * The text a person forwards, and what the QR code holds: both languages, then the date, the
 * kind and the signature on lines of their own, readable before any check.
 */
export function envelopeText({ statement, keyId, signature }: Envelope): string {
  return [
    `PUENTE ${statement.instance}`,
    `ID: ${statement.id}`,
    `ES: ${normalizeText(statement.es)}`,
    `EN: ${normalizeText(statement.en)}`,
    `FECHA/DATE: ${statement.at}`,
    `TIPO/KIND: ${statement.kind}`,
    `FIRMA/SIGNATURE: ${keyId}.${signature}`,
  ].join("\n");
}

const ENVELOPE =
  /PUENTE (\S+) ID: ([0-9a-f-]{36}) ES: (.*) FECHA\/DATE: (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ) TIPO\/KIND: ([a-z_.]+) FIRMA\/SIGNATURE: ([0-9a-f]{16})\.([A-Za-z0-9_-]{86})/u;

const KINDS = new Set<string>([
  "meeting_point.chosen",
  "message.urgent",
  "action.cancelled",
  "action.changed",
]);

/**
 * The envelopes a forwarded text may be: the two texts are split at each "EN: " in turn, since a
 * message's own words may hold one. None when the text carries no signature at all.
 */
export function readEnvelopes(text: string): Envelope[] {
  const match = ENVELOPE.exec(normalizeText(text));
  if (!match) return [];
  const [, instance, id, texts, at, kind, keyId, signature] = match as unknown as string[];
  if (!KINDS.has(kind!)) return [];
  const envelopes: Envelope[] = [];
  for (let i = texts!.indexOf(" EN: "); i !== -1; i = texts!.indexOf(" EN: ", i + 1)) {
    envelopes.push({
      statement: {
        v: 1,
        id: id!,
        instance: instance!,
        kind: kind as StatementKind,
        at: at!,
        es: texts!.slice(0, i),
        en: texts!.slice(i + 5),
      },
      keyId: keyId!,
      signature: signature!,
    });
  }
  return envelopes;
}

export type Verdict =
  | { genuine: true; envelope: Envelope; key: PublishedKey; retired: boolean }
  | { genuine: false; reason: "unreadable" | "unknownKey" | "badSignature"; envelope: Envelope | null };

/** Whether a forwarded text (or a QR code's content) is a statement one of these keys signed. */
export async function verifyText(text: string, keys: PublishedKey[]): Promise<Verdict> {
  const envelopes = readEnvelopes(text);
  if (envelopes.length === 0) return { genuine: false, reason: "unreadable", envelope: null };
  const key = keys.find((k) => k.id === envelopes[0]!.keyId);
  if (!key) return { genuine: false, reason: "unknownKey", envelope: envelopes[0]! };
  const publicKey = fromBase64Url(key.publicKey);
  const signature = fromBase64Url(envelopes[0]!.signature);
  if (publicKey?.length !== 32 || signature?.length !== 64) {
    return { genuine: false, reason: "badSignature", envelope: envelopes[0]! };
  }
  for (const envelope of envelopes) {
    const ok = await ed
      .verifyAsync(signature, statementBytes(envelope.statement), publicKey)
      .catch(() => false);
    if (ok) return { genuine: true, envelope, key, retired: key.retiredAt !== null };
  }
  return { genuine: false, reason: "badSignature", envelope: envelopes[0]! };
}

/** What /verify shows about a text: the same shape whether the phone or the server checked it. */
export interface CheckResult {
  status: "genuine" | "retired" | "forged" | "unknownKey" | "unreadable";
  /** The statement as the text carries it (forged or not), when it could be read. */
  statement: Statement | null;
  keyId: string | null;
  /** What Puente really said under that signature, when the text was changed and the server knows it. */
  genuine: Statement | null;
}

export function resultOf(verdict: Verdict): CheckResult {
  if (verdict.genuine) {
    return {
      status: verdict.retired ? "retired" : "genuine",
      statement: verdict.envelope.statement,
      keyId: verdict.key.id,
      genuine: null,
    };
  }
  const status = verdict.reason === "badSignature" ? "forged" : verdict.reason;
  return {
    status,
    statement: verdict.envelope?.statement ?? null,
    keyId: verdict.envelope?.keyId ?? null,
    genuine: null,
  };
}
