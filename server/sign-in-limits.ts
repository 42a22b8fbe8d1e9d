// Limits on sign-in links: those of Puente's own forms, and the cap on links emailed however they
// were asked for. Both count an email address per client asking for it, so that someone flooding
// a person's address cannot keep that person from signing in from their own device.
import type { Database } from "@/db/client";
import { log } from "./log";
import {
  consume,
  count,
  emailFromClientKeyOf,
  emailKeyOf,
  SIGN_IN_LINKS_SENT,
  SIGN_IN_LINKS_TO_ONE_EMAIL,
  SIGN_IN_PER_ADDRESS,
  SIGN_IN_PER_EMAIL,
} from "./rate-limits";

/** The forms' limits on asking for a link; refuses with TOO_MANY_REQUESTS. */
export async function consumeSignInRequest(db: Database, email: string, clientKey: string | undefined) {
  if (clientKey) await consume(db, SIGN_IN_PER_ADDRESS, clientKey);
  await consume(db, SIGN_IN_PER_EMAIL, emailFromClientKeyOf(email, clientKey));
}

/** Enough of a hash to tell one flood from another in the log, and no more. */
const short = (hash: string | undefined) => hash?.slice(0, 12) ?? "unknown";

/**
 * Whether a link may be emailed to `email`, asked for by `clientKey`. A refusal is logged once per
 * window (its first), by hashes only: never the email address or the client's address.
 */
export async function maySendSignInLink(db: Database, email: string, clientKey: string | undefined) {
  const fromClient = await count(db, SIGN_IN_LINKS_SENT, emailFromClientKeyOf(email, clientKey));
  if (fromClient.overBy > 0) {
    if (fromClient.overBy === 1) {
      log.warn("sign-in links refused: too many for one email address from one client", {
        email: short(emailKeyOf(email)),
        client: short(clientKey),
      });
    }
    return false;
  }
  // Counted only for links the client's own cap let through: one flooding client spends at most
  // its own ten of the email address's hundred.
  const toEmail = await count(db, SIGN_IN_LINKS_TO_ONE_EMAIL, emailKeyOf(email));
  if (toEmail.overBy > 0) {
    if (toEmail.overBy === 1) {
      log.warn("sign-in links refused: too many for one email address", { email: short(emailKeyOf(email)) });
    }
    return false;
  }
  return true;
}
