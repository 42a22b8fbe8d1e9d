// The instance's public keys, at /.well-known/puente-key (next.config.js rewrites it here: the App
// Router does not route folders whose names start with a dot). Retired keys stay listed, so what
// they signed still verifies.
import { serverApi } from "../../_trpc/server";

export async function GET() {
  const keys = await (await serverApi()).signing.keys();
  return Response.json(
    {
      algorithm: "Ed25519",
      statement:
        "RFC 8785 canonical JSON of {v, instance, kind, at, es, en}, texts with whitespace collapsed",
      keys: keys.map(({ id, publicKey, createdAt, retiredAt, words }) => ({
        id,
        publicKey,
        createdAt,
        retiredAt,
        words,
      })),
    },
    { headers: { "cache-control": "public, max-age=300" } },
  );
}
