// Limits on asking for sign-in links, from a form (server/sign-in-limits.ts), for the client that
// asks. Refusals come back as the DomainError they are, for the form to explain.
import "server-only";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { clientAddress, clientKeyOf } from "@/server/rate-limits";
import { consumeSignInRequest } from "@/server/sign-in-limits";

export async function consumeSignInLimits(email: string): Promise<void> {
  await consumeSignInRequest(await getDb(), email, clientKeyOf(clientAddress(await headers())));
}
