// Limits on asking for sign-in links, from a form: per address and per email address. Refusals
// come back as the DomainError they are, for the form to explain.
import "server-only";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import {
  clientAddress,
  clientKeyOf,
  consume,
  emailKeyOf,
  SIGN_IN_PER_ADDRESS,
  SIGN_IN_PER_EMAIL,
} from "@/server/rate-limits";

export async function consumeSignInLimits(email: string): Promise<void> {
  const db = await getDb();
  await consume(db, SIGN_IN_PER_ADDRESS, clientKeyOf(clientAddress(await headers())));
  await consume(db, SIGN_IN_PER_EMAIL, emailKeyOf(email));
}
