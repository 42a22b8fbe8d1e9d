// A test file's database and mailbox, registered once: opened before its first test, closed after
// its last (the mailbox first, as it may still be talking to the app), and the app's SMTP_URL aimed
// at the mailbox. What they return is usable inside tests and hooks, once beforeAll has run.
import { afterAll, beforeAll } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createTestDatabase } from "./database";
import { startMailbox, type TestMailbox } from "./smtp";

function opened<T>(value: T | undefined, what: string): T {
  if (value === undefined)
    throw new Error(`the test ${what} opens in beforeAll: use it inside a test or a hook`);
  return value;
}

/** A clean database for this file (PostgreSQL when DATABASE_URL is set, else PGlite). */
export function setUpDatabase(): DatabaseHandle {
  let handle: DatabaseHandle | undefined;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });
  return {
    get db() {
      return opened(handle, "database").db;
    },
    get kind() {
      return opened(handle, "database").kind;
    },
    get url() {
      return opened(handle, "database").url;
    },
    get pglite() {
      return opened(handle, "database").pglite;
    },
    close: () => opened(handle, "database").close(),
  };
}

/**
 * A real SMTP server for this file, which the app sends its email to. A test of the server being
 * down closes it, then reopens it on the same address (with nothing received yet).
 */
export function setUpMailbox(): TestMailbox & { reopen(): Promise<void> } {
  let mailbox: TestMailbox | undefined;
  beforeAll(async () => {
    mailbox = await startMailbox();
    process.env.SMTP_URL = mailbox.url;
  });
  // Registered after the database's, so it runs before the database closes (vitest runs the
  // afterAll hooks in reverse).
  afterAll(async () => {
    await mailbox?.close();
  });
  return {
    get url() {
      return opened(mailbox, "mailbox").url;
    },
    get received() {
      return opened(mailbox, "mailbox").received;
    },
    waitFor: (to, timeoutMs) => opened(mailbox, "mailbox").waitFor(to, timeoutMs),
    close: () => opened(mailbox, "mailbox").close(),
    async reopen() {
      mailbox = await startMailbox(Number(new URL(opened(mailbox, "mailbox").url).port));
    },
  };
}
