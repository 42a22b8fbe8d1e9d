// PostgreSQL restarted while signups are under way (QUALITY.md, reliability target 5). Runs on a
// throw-away cluster of its own (faults/postgres-cluster.ts), never on the shared server.
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { memberships } from "@/db/schema";
import { EMAIL_JOB } from "@/server/messages/messages";
import { startMailbox, type TestMailbox } from "@/test-support/smtp";
import { AppServer } from "./app-server";
import { createDatabase, makeAction, makePeople, mutate, sleep, type Person, setUpOrFail } from "./fixtures";
import {
  checkSignupInvariants,
  failures,
  messageWorkload,
  runLoad,
  signupWorkload,
  type Workload,
} from "./load";
import { PostgresCluster } from "./postgres-cluster";

const APP_PORT = 3203;
const CLIENTS = 24;
const BEFORE_MS = 4_000; // load before the restart
const DOWN_MS = 3_000; // how long PostgreSQL stays down
const AFTER_MS = 20_000; // load after it is back: longer than the 15 s allowed for errors
const ERROR_WINDOW_MS = 15_000;
const RECIPIENTS = 2; // members of the group every message goes to

let cluster: PostgresCluster | undefined;
let handle: DatabaseHandle | undefined;
let server: AppServer | undefined;
let people: Person[];
let shiftIds: string[];
let senders: Person[];
let groupId: string;
let mailbox: TestMailbox | undefined;

const ready = setUpOrFail(async () => {
  cluster = await PostgresCluster.create();
  handle = await createDatabase(cluster, "puente_faults_restart");
  people = await makePeople(handle.db, CLIENTS + 50, "restart");
  // Small shifts, so both places and waitlists are taken while PostgreSQL restarts.
  ({ shiftIds, groupId } = await makeAction(
    handle.db,
    Array.from({ length: 120 }, () => 8),
  ));
  // Coordinators who message the group's members, whose emails go to a real SMTP server.
  senders = await makePeople(handle.db, CLIENTS, "restart-sender");
  const members = await makePeople(handle.db, RECIPIENTS, "restart-member");
  await handle.db.insert(memberships).values([
    ...senders.map((p) => ({
      groupId,
      userId: p.id,
      role: "coordinator" as const,
      status: "active" as const,
    })),
    ...members.map((p) => ({ groupId, userId: p.id, role: "member" as const, status: "active" as const })),
  ]);
  mailbox = await startMailbox();
  server = await AppServer.start({
    port: APP_PORT,
    databaseUrl: cluster.url("puente_faults_restart"),
    // Rate limits are not the subject here (the load test meets them); the job worker runs.
    env: { PUENTE_RATE_LIMIT_SCALE: "1000", PUENTE_WORKER: "1", SMTP_URL: mailbox.url },
  });
});

afterAll(async () => {
  if (process.env.PUENTE_FAULTS_VERBOSE) console.log(server?.log);
  await server?.stop();
  await handle?.close().catch(() => {});
  await mailbox?.close();
  cluster?.destroy();
});

describe("PostgreSQL restarted under steady signups and messages", () => {
  it("the app recovers by itself within 15 s, keeps every acknowledged signup and message once, never overbooks", async () => {
    ready();
    const signups = signupWorkload(people.slice(0, CLIENTS), shiftIds);
    const messages = messageWorkload(senders, groupId, RECIPIENTS);
    // One request in six is a message (each client: five signups, then a message).
    const workloads: Workload[] = [signups, signups, signups, signups, signups, messages];

    // The suite's own pool (db/client.ts's openPostgres, as the app uses it) queries all along too:
    // the process running it must see no unhandled error, and it must reconnect by itself.
    const direct: { ok: boolean; at: number }[] = [];
    let stopAt = 0;
    let backAt = 0;
    let done = false;
    const poller = (async () => {
      while (!done) {
        const ok = await handle!.db.execute(sql`select count(*) from signups`).then(
          () => true,
          () => false,
        );
        direct.push({ ok, at: Date.now() });
        await sleep(100);
      }
    })();

    const start = Date.now();
    const restart = (async () => {
      await sleep(BEFORE_MS);
      stopAt = Date.now();
      await cluster!.stop("fast");
      await sleep(DOWN_MS);
      await cluster!.start();
      backAt = Date.now();
    })();
    const answers = await runLoad({
      clients: CLIENTS,
      workloads,
      originOf: () => server!.origin,
      until: () => backAt > 0 && Date.now() > backAt + AFTER_MS,
    });
    await restart;
    done = true;
    await poller;

    const errors = failures(answers);
    const lastError = errors.at(-1);
    const firstOkAfter = answers.find((a) => a.status === 200 && a.sentAt > backAt);
    const report = {
      requests: answers.length,
      ok: answers.filter((a) => a.status === 200).length,
      errors: errors.length,
      errorKinds: [...new Set(errors.map((e) => `${e.status} ${e.error}`))],
      loadSeconds: (Date.now() - start) / 1000,
      postgresDownMs: backAt - stopAt,
      lastErrorAfterStopMs: lastError ? lastError.at - stopAt : null,
      lastErrorAfterBackMs: lastError ? lastError.at - backAt : null,
      firstSuccessAfterBackMs: firstOkAfter ? firstOkAfter.at - backAt : null,
      directPoolFailures: direct.filter((d) => !d.ok).length,
      directPoolLastFailureAfterBackMs: (direct.filter((d) => !d.ok).at(-1)?.at ?? backAt) - backAt,
      serverAlive: server!.alive,
    };
    console.log("restart under load:", JSON.stringify(report), signups.summary(), messages.summary());

    // The app server's process survived, with no unhandled error on the way.
    expect(server!.alive).toBe(true);
    expect(server!.unhandledErrors()).toEqual([]);
    // Errors only around the restart: none before it, none later than 15 s after PostgreSQL stopped.
    expect(errors.filter((e) => e.at < stopAt)).toEqual([]);
    expect(errors.filter((e) => e.at > stopAt + ERROR_WINDOW_MS)).toEqual([]);
    // It recovered: signups were acknowledged after the restart, and the last few seconds were clean.
    expect(answers.filter((a) => a.status === 200 && a.sentAt > backAt).length).toBeGreaterThan(50);
    // The suite's own pool reconnected too, within the same window.
    expect(direct.filter((d) => !d.ok && d.at > stopAt + ERROR_WINDOW_MS)).toEqual([]);
    expect(direct.at(-1)?.ok).toBe(true);

    for (const workload of new Set(workloads)) await workload.verify(handle!.db);
  });

  it("after the restart, the email of every message sent through it reaches its reader", async () => {
    ready();
    const db = handle!.db;
    const unsent = async () =>
      (
        (await db.execute(sql`select count(*)::int as n from message_deliveries
          where by_email and status not in ('sent', 'read')`)) as unknown as { n: number }[]
      )[0]!.n;
    // Emails whose send failed while PostgreSQL was down are retried after a backoff (30 s, and
    // 2 minutes for a job whose claim could not be released): the test brings those times forward,
    // as the clock would, and the server's own worker does the rest.
    // It fails when the sending stops moving for 30 s, not when a loaded machine is merely slow.
    await db.execute(sql`update jobs set locked_until = null where kind = ${EMAIL_JOB} and done_at is null`);
    let left = await unsent();
    let movedAt = Date.now();
    while (left > 0 && Date.now() - movedAt < 30_000) {
      await db.execute(
        sql`update jobs set run_at = now() where kind = ${EMAIL_JOB} and done_at is null and run_at > now()`,
      );
      await sleep(500);
      const now = await unsent();
      if (now < left) movedAt = Date.now();
      left = now;
    }
    expect(left, "emails left unsent, the queue stalled for 30 s").toBe(0);

    // Every emailed delivery is in the mailbox, told apart by its Message-ID (the delivery's id).
    const emailed = (await db.execute(
      sql`select d.id from message_deliveries d where d.by_email`,
    )) as unknown as { id: string }[];
    const received = mailbox!.received
      .map((m) => /^Message-ID:\s*<([^@>]+)@puente\.delivery>/im.exec(m.raw)?.[1])
      .filter((id): id is string => Boolean(id));
    const arrived = new Set(received);
    console.log(
      "emails through the restart:",
      JSON.stringify({
        deliveries: emailed.length,
        received: received.length,
        // A send accepted by SMTP just before the commit that records it failed is sent again
        // with the same Message-ID, which mail servers use to drop the twin.
        twins: received.length - arrived.size,
      }),
    );
    expect(emailed.length).toBeGreaterThan(0);
    expect(emailed.filter((d) => !arrived.has(d.id))).toEqual([]);
  }, 400_000);

  it("after the restart, one person's 100 concurrent signups for one shift make one row, never a 500", async () => {
    ready();
    const person = people[CLIENTS]!;
    const shiftId = shiftIds.at(-1)!;
    const answers = await Promise.all(
      Array.from({ length: 100 }, () =>
        mutate(server!.origin, "actions.signUp", { shiftId }, person, "10.9.0.1"),
      ),
    );
    expect(failures(answers)).toEqual([]);
    expect(new Set(answers.map((a) => (a.data as { id: string }).id)).size).toBe(1);
    const rows = await handle!.db.execute(
      sql`select count(*)::int as n from signups where shift_id = ${shiftId} and user_id = ${person.id}`,
    );
    expect((rows as unknown as { n: number }[])[0]!.n).toBe(1);
  });

  it("after the restart, 49 people racing for the last places of a shift never overbook it", async () => {
    ready();
    const shiftId = shiftIds.at(-2)!;
    const racers = people.slice(CLIENTS + 1);
    const answers = await Promise.all(
      racers.map((p, i) => mutate(server!.origin, "actions.signUp", { shiftId }, p, `10.8.0.${i + 1}`)),
    );
    expect(failures(answers)).toEqual([]);
    await checkSignupInvariants(handle!.db);
  });
});
