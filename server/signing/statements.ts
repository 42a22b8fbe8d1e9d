// Signing what Puente announces (the chosen meeting point, urgent messages, an action cancelled or
// moved) when it is announced, in the same transaction, and finding a statement again by its
// subject, its short code or its signature.
import * as ed from "@noble/ed25519";
import { and, desc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { signedStatements, type StatementKind } from "@/db/schema";
import { publicOrigin } from "../origin";
import { activeKey } from "./keys";
import {
  codeOf,
  envelopeText,
  statementBytes,
  toBase64Url,
  type Envelope,
  type Statement,
} from "./statement";

export interface SignedStatement {
  code: string;
  kind: StatementKind;
  subjectId: string;
  signedAt: Date;
  envelope: Envelope;
  /** The text to forward, and what the QR code holds. */
  text: string;
}

/** Signs a statement about `subjectId` in both languages, stated now by this instance. */
export async function signStatement(
  db: Database,
  input: { kind: StatementKind; subjectId: string; es: string; en: string },
): Promise<SignedStatement> {
  const key = await activeKey(db);
  const id = crypto.randomUUID();
  const statement: Statement = {
    v: 1,
    id,
    instance: publicOrigin(),
    kind: input.kind,
    at: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    es: input.es,
    en: input.en,
  };
  const bytes = statementBytes(statement);
  const signature = await ed.signAsync(bytes, key.secretKey);
  const [row] = await db
    .insert(signedStatements)
    .values({
      id,
      code: await codeOf(signature),
      kind: input.kind,
      subjectId: input.subjectId,
      body: new TextDecoder().decode(bytes),
      keyId: key.id,
      signature: toBase64Url(signature),
    })
    .returning();
  return asSigned(row!);
}

function asSigned(row: typeof signedStatements.$inferSelect): SignedStatement {
  const envelope: Envelope = {
    statement: JSON.parse(row.body) as Statement,
    keyId: row.keyId,
    signature: row.signature,
  };
  return {
    code: row.code,
    kind: row.kind,
    subjectId: row.subjectId,
    signedAt: row.signedAt,
    envelope,
    text: envelopeText(envelope),
  };
}

/** The latest statement about a subject, of one kind or any. */
export async function latestStatement(db: Database, subjectId: string, kind?: StatementKind) {
  const [row] = await db
    .select()
    .from(signedStatements)
    .where(and(eq(signedStatements.subjectId, subjectId), kind ? eq(signedStatements.kind, kind) : undefined))
    .orderBy(desc(signedStatements.signedAt))
    .limit(1);
  return row ? asSigned(row) : null;
}

/** The statement a short code names (already normalized: "K7Q4M-Z9TXW"). */
export async function statementByCode(db: Database, code: string) {
  const [row] = await db.select().from(signedStatements).where(eq(signedStatements.code, code));
  return row ? asSigned(row) : null;
}

/** The statement a signature belongs to: a forwarded text whose words were changed keeps it. */
export async function statementBySignature(db: Database, signature: string) {
  const [row] = await db.select().from(signedStatements).where(eq(signedStatements.signature, signature));
  return row ? asSigned(row) : null;
}
