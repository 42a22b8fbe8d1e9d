// /verify's server side: a forwarded text checked against every key the instance published, and
// when its words were changed under a real signature, what Puente really said beside it.
import type { Database } from "@/db/client";
import type { Locale } from "../i18n/locale";
import { publishedKeys } from "./keys";
import { readEnvelopes, resultOf, verifyText, type CheckResult, type PublishedKey } from "./statement";
import { statementByCode, statementBySignature } from "./statements";
import { fingerprintWords } from "./words";

export async function checkForwarded(db: Database, text: string): Promise<CheckResult> {
  const result = resultOf(await verifyText(text, await publishedKeys(db)));
  if (result.status !== "forged") return result;
  const signature = readEnvelopes(text)[0]?.signature;
  const genuine = signature ? await statementBySignature(db, signature) : null;
  return { ...result, genuine: genuine?.envelope.statement ?? null };
}

/** The statement a short code names, checked like any other: a code names nothing else. */
export async function checkCode(db: Database, code: string) {
  const signed = await statementByCode(db, code);
  if (!signed) return null;
  return { ...(await checkForwarded(db, signed.text)), text: signed.text, code: signed.code };
}

export interface KeyForReaders extends PublishedKey {
  words: Record<Locale, string[]>;
}

/** The published keys with their fingerprints in words, as /verify and the About page show them. */
export async function keysForReaders(db: Database): Promise<KeyForReaders[]> {
  return (await publishedKeys(db)).map((key) => ({
    ...key,
    words: { es: fingerprintWords(key.id, "es"), en: fingerprintWords(key.id, "en") },
  }));
}
