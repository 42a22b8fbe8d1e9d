// QUALITY.md figure 4: one message to 500 people, the email worker killed in the middle of a send
// and started again: every person gets the email, and nobody gets it twice. The worker runs in a
// process of its own and is killed with SIGKILL while the SMTP server holds one send unanswered.
import { spawn } from "node:child_process";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { jobs, memberships, messageDeliveries, users } from "@/db/schema";
import { JOB_CONCURRENCY } from "../jobs/queue";
import { runDueJobs } from "../jobs/worker";
import { createTestDatabase } from "../../test-support/database";
import { addMember, makeGroup, makeMessage, makeUser } from "../../test-support/factories";
import { startMailbox, type TestMailbox } from "../../test-support/smtp";

const PEOPLE = 500;
let handle: DatabaseHandle;
let mailbox: TestMailbox;
let held = false;
let holding = true;

beforeAll(async () => {
  handle = await createTestDatabase();
  // From the 200th on, no email of the first worker is answered: it is mid-send (in each of its
  // lanes, since it sends several at once) when it is killed.
  mailbox = await startMailbox(0, {
    accept: async () => {
      if (holding && mailbox.received.length >= 199) {
        held = true;
        await new Promise(() => {});
      }
    },
  });
  process.env.SMTP_URL = mailbox.url;
}, 60_000);
afterAll(async () => {
  await mailbox.close();
  await handle.close();
});

describe.runIf(process.env.DATABASE_URL)("the email worker killed mid-batch", () => {
  it("sends every email of a 500-person message exactly once after a restart", async () => {
    const db = handle.db;
    const group = await makeGroup(db);
    const coordinator = await makeUser(db);
    await addMember(db, group.id, coordinator.id, "coordinator");
    await db.execute(sql`insert into users (id, email) select 'crash-' || i, 'crash-' || i || '@example.org'
      from generate_series(1, ${PEOPLE}) i`);
    await db.insert(memberships).select(
      db
        .select({
          id: sql`gen_random_uuid()`.as("id"),
          groupId: sql`${group.id}::uuid`.as("group_id"),
          userId: users.id,
          role: sql`'member'::membership_role`.as("role"),
          status: sql`'active'::membership_status`.as("status"),
          createdAt: sql`now()`.as("created_at"),
          updatedAt: sql`now()`.as("updated_at"),
        })
        .from(users)
        .where(sql`${users.id} like 'crash-%'`),
    );
    await makeMessage(db, coordinator, [{ kind: "group", groupId: group.id, roles: ["member"] }], {
      urgent: true,
    });

    const worker = spawn(process.execPath, ["--import", "tsx", "test-support/email-worker.ts"], {
      env: { ...process.env, DATABASE_URL: handle.url, SMTP_URL: mailbox.url },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const exited = new Promise((resolve) => worker.on("exit", resolve));
    await expect.poll(() => held, { timeout: 60_000, interval: 50 }).toBe(true);
    worker.kill("SIGKILL");
    await exited;
    holding = false;
    // 199, or a few more when lanes passed the check at the same moment; never all of them.
    expect(mailbox.received.length).toBeGreaterThanOrEqual(199);
    expect(mailbox.received.length).toBeLessThan(199 + JOB_CONCURRENCY);

    // Restarted after its leases ran out (the two minutes are skipped), the worker finishes the batch.
    await db
      .update(jobs)
      .set({ lockedUntil: sql`now() - interval '1 second'` })
      .where(sql`done_at is null`);
    await runDueJobs(db);

    const perPerson = new Map<string, number>();
    for (const email of mailbox.received)
      for (const to of email.to) perPerson.set(to, (perPerson.get(to) ?? 0) + 1);
    expect(perPerson.size).toBe(PEOPLE);
    expect([...perPerson.values()].every((n) => n === 1)).toBe(true);
    const [row] = await db
      .select({ sent: sql<number>`count(*) filter (where status = 'sent')::int` })
      .from(messageDeliveries);
    expect(Number(row!.sent)).toBe(PEOPLE);
  }, 180_000);
});
