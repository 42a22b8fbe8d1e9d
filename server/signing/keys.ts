// The instance's signing keys: one Ed25519 key signs at a time, made on first use and kept in the
// database like the Auth.js secret (or given by PUENTE_SIGNING_KEY, a base64url 32-byte seed that
// is never stored). Rotating retires the key but keeps its public half, so what it signed still
// verifies, marked as made with a retired key.
import * as ed from "@noble/ed25519";
import { asc, eq, isNull } from "drizzle-orm";
import { env, type Database } from "@/db/client";
import { signingKeys } from "@/db/schema";
import { fromBase64Url, keyIdOf, toBase64Url, type PublishedKey } from "./statement";

export interface SigningKey {
  id: string;
  secretKey: Uint8Array;
}

/** PUENTE_SIGNING_KEY, read; a value that is not a 32-byte base64url seed stops the start. */
function keyFromEnv(): Uint8Array | undefined {
  const value = env("PUENTE_SIGNING_KEY");
  if (!value) return undefined;
  const seed = fromBase64Url(value);
  if (seed?.length !== 32) throw new Error("PUENTE_SIGNING_KEY must be 32 bytes, base64url (43 characters)");
  return seed;
}

async function rowFor(secretKey: Uint8Array, stored: boolean) {
  const publicKey = await ed.getPublicKeyAsync(secretKey);
  return {
    id: await keyIdOf(publicKey),
    publicKey: toBase64Url(publicKey),
    secretKey: stored ? toBase64Url(secretKey) : null,
  };
}

/** The key that signs now: PUENTE_SIGNING_KEY's, or the stored one, made the first time. */
export async function activeKey(db: Database): Promise<SigningKey> {
  const fromEnv = keyFromEnv();
  if (fromEnv) {
    const row = await rowFor(fromEnv, false);
    const [active] = await db.select().from(signingKeys).where(isNull(signingKeys.retiredAt));
    if (active?.id !== row.id) {
      await db.transaction(async (tx) => {
        await tx
          .update(signingKeys)
          .set({ retiredAt: new Date(), secretKey: null })
          .where(isNull(signingKeys.retiredAt));
        await tx
          .insert(signingKeys)
          .values(row)
          .onConflictDoUpdate({
            target: signingKeys.id,
            set: { retiredAt: null },
          });
      });
    }
    return { id: row.id, secretKey: fromEnv };
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    const [active] = await db.select().from(signingKeys).where(isNull(signingKeys.retiredAt));
    if (active?.secretKey) return { id: active.id, secretKey: fromBase64Url(active.secretKey)! };
    if (active) {
      // The key PUENTE_SIGNING_KEY gave, now unset: it is retired, and a stored key takes over.
      await db.update(signingKeys).set({ retiredAt: new Date() }).where(eq(signingKeys.id, active.id));
    }
    // Two servers may make one at once: the unique index keeps the first, the other reads it.
    await db
      .insert(signingKeys)
      .values(await rowFor(ed.utils.randomSecretKey(), true))
      .onConflictDoNothing();
  }
  throw new Error("No signing key could be made");
}

/** Retires the key that signs and makes a new one; returns the new key's id. */
export async function rotateKey(db: Database): Promise<string> {
  if (keyFromEnv()) throw new Error("The signing key is set by PUENTE_SIGNING_KEY: change it there");
  await db
    .update(signingKeys)
    .set({ retiredAt: new Date(), secretKey: null })
    .where(isNull(signingKeys.retiredAt));
  return (await activeKey(db)).id;
}

/** Every public key the instance ever signed with, the one signing now first. */
export async function publishedKeys(db: Database): Promise<PublishedKey[]> {
  await activeKey(db);
  const rows = await db
    .select({
      id: signingKeys.id,
      publicKey: signingKeys.publicKey,
      createdAt: signingKeys.createdAt,
      retiredAt: signingKeys.retiredAt,
    })
    .from(signingKeys)
    .orderBy(asc(signingKeys.createdAt));
  return rows
    .map((r) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      retiredAt: r.retiredAt?.toISOString() ?? null,
    }))
    .sort((a, b) => Number(a.retiredAt !== null) - Number(b.retiredAt !== null));
}
