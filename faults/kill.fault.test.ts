// An app server killed (SIGKILL) in the middle of requests that write several rows: PostgreSQL
// rolls back what the dead process left open, so nothing is half written, and a second server on
// the same database goes on serving. To kill it exactly between two writes, the test holds a table
// lock that the second write needs, waits until PostgreSQL shows the requests blocked there (their
// first rows written, not committed), then kills the server.
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { AppServer } from "./app-server";
import { createDatabase, makeAction, makePeople, mutate, sleep, type Person, setUpOrFail } from "./fixtures";
import { checkSignupInvariants, runLoad, signupWorkload } from "./load";
import { PostgresCluster } from "./postgres-cluster";

const A_PORT = 3203;
const B_PORT = 3213;
const DATABASE = "puente_faults_kill";
const IN_FLIGHT = 8;

let cluster: PostgresCluster | undefined;
let handle: DatabaseHandle | undefined;
let admin: postgres.Sql | undefined;
let a: AppServer | undefined;
let b: AppServer | undefined;
let people: Person[];
let shiftIds: string[];

const startServer = (port: number) =>
  AppServer.start({
    port,
    databaseUrl: cluster!.url(DATABASE),
    env: { PUENTE_RATE_LIMIT_SCALE: "1000", PUENTE_WORKER: "0" },
  });

const groupDetails = (name: string) => ({
  name,
  kind: "community",
  country: "MX",
  city: "Mexicali",
  region: "Baja California",
  descriptionEs: "Grupo de prueba",
  descriptionEn: "Test group",
  contact: "",
});

/** Waits until `count` of the app's queries matching `pattern` wait for a lock. */
async function waitUntilBlocked(pattern: string, count: number) {
  const deadline = Date.now() + 30_000;
  let blocked = 0;
  while (Date.now() < deadline) {
    const [row] = await admin!<{ blocked: number }[]>`
      select count(*)::int as blocked from pg_stat_activity
      where datname = ${DATABASE} and wait_event_type = 'Lock' and query ilike ${pattern}`;
    blocked = row!.blocked;
    if (blocked >= count) return blocked;
    await sleep(100);
  }
  throw new Error(`only ${blocked} of ${count} requests reached "${pattern}"`);
}

/** Waits until PostgreSQL has rolled back and ended the dead server's sessions that ran `pattern`. */
async function waitUntilGone(pattern: string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const [row] = await admin!<{ left: number }[]>`
      select count(*)::int as left from pg_stat_activity
      where datname = ${DATABASE} and state <> 'idle' and query ilike ${pattern}`;
    if (row!.left === 0) return;
    await sleep(100);
  }
  throw new Error(`sessions running "${pattern}" still open 30 s after their server died`);
}

/** Holds `lock table … in exclusive mode` on its own connection until release() is called. */
async function holdTableLock(table: string) {
  const locker = await admin!.reserve();
  await locker`begin`;
  await locker.unsafe(`lock table ${table} in exclusive mode`);
  return async () => {
    await locker`rollback`;
    locker.release();
  };
}

const rows = async <T>(query: ReturnType<typeof sql>) => (await handle!.db.execute(query)) as unknown as T[];

const ready = setUpOrFail(async () => {
  cluster = await PostgresCluster.create();
  handle = await createDatabase(cluster, DATABASE);
  admin = postgres(cluster.url(DATABASE), { max: 3, onnotice: () => {} });
  people = await makePeople(handle.db, 40, "kill");
  ({ shiftIds } = await makeAction(
    handle.db,
    Array.from({ length: 40 }, () => 2),
  ));
  [a, b] = await Promise.all([startServer(A_PORT), startServer(B_PORT)]);
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await admin?.end({ timeout: 5 }).catch(() => {});
  await handle?.close().catch(() => {});
  cluster?.destroy();
});

describe("an app server killed mid-request", () => {
  it("group creations killed between the group row and the coordinator's membership leave no group behind", async () => {
    ready();
    const release = await holdTableLock("memberships");
    const names = Array.from({ length: IN_FLIGHT }, (_, i) => `Killed group ${i}`);
    const pending = names.map((name, i) =>
      mutate(a!.origin, "groups.create", groupDetails(name), people[i]!, `10.2.0.${i}`),
    );
    // Each request has inserted its group (uncommitted) and waits to insert the membership.
    await waitUntilBlocked('insert into "memberships"%', IN_FLIGHT);
    await a!.kill("SIGKILL");
    await release();
    const answers = await Promise.all(pending);
    expect(answers.map((x) => x.status)).toEqual(names.map(() => 0)); // no answer: the server died
    await waitUntilGone('insert into "memberships"%');

    expect(await rows(sql`select id from groups where name like 'Killed group%'`)).toEqual([]);
    expect(
      // (the fixture's own group, slug faults-…, was made without members)
      await rows(sql`select g.id from groups g where g.slug not like 'faults-%' and not exists (
        select 1 from memberships m where m.group_id = g.id and m.role = 'coordinator')`),
    ).toEqual([]);
    expect(
      await rows(sql`select id from audit_events where action = 'group.create'
        and subject_id not in (select id::text from groups)`),
    ).toEqual([]);

    // The other server creates the very same groups: nothing left over stands in the way.
    const again = await Promise.all(
      names.map((name, i) =>
        mutate(b!.origin, "groups.create", groupDetails(name), people[i]!, `10.2.0.${i}`),
      ),
    );
    expect(again.map((x) => x.status)).toEqual(names.map(() => 200));
    const created = await rows<{ members: number; audits: number }>(sql`
      select (select count(*)::int from memberships m where m.group_id = g.id) as members,
        (select count(*)::int from audit_events e where e.subject_id = g.id::text and e.action = 'group.create') as audits
      from groups g where g.name like 'Killed group%'`);
    expect(created).toEqual(names.map(() => ({ members: 1, audits: 1 })));
  });

  it("signups killed between taking the place and enqueuing the reminder leave no place taken", async () => {
    ready();
    a = await startServer(A_PORT);
    const release = await holdTableLock("jobs");
    const targets = shiftIds.slice(0, IN_FLIGHT);
    const pending = targets.map((shiftId, i) =>
      mutate(a!.origin, "actions.signUp", { shiftId }, people[i]!, `10.3.0.${i}`),
    );
    // Each request has inserted its signup and raised the shift's count, and waits to enqueue.
    await waitUntilBlocked('insert into "jobs"%', IN_FLIGHT);
    await a!.kill("SIGKILL");
    await release();
    expect((await Promise.all(pending)).map((x) => x.status)).toEqual(targets.map(() => 0));
    await waitUntilGone('insert into "jobs"%');

    const taken = await rows<{ confirmed_count: number }>(
      sql`select confirmed_count from shifts where id in ${targets}`,
    );
    expect(taken.map((s) => s.confirmed_count)).toEqual(targets.map(() => 0));
    expect(await rows(sql`select id from signups where shift_id in ${targets}`)).toEqual([]);
    await checkSignupInvariants(handle!.db);

    const again = await Promise.all(
      targets.map((shiftId, i) =>
        mutate(b!.origin, "actions.signUp", { shiftId }, people[i]!, `10.3.0.${i}`),
      ),
    );
    expect(again.map((x) => (x.data as { status?: string } | undefined)?.status)).toEqual(
      targets.map(() => "confirmed"),
    );
    await checkSignupInvariants(handle!.db);
  });

  it("killed at an unplanned moment under steady signups: the other server goes on, every acknowledged signup is kept", async () => {
    ready();
    a = await startServer(A_PORT);
    const signups = signupWorkload(people.slice(IN_FLIGHT, IN_FLIGHT + 16), shiftIds.slice(IN_FLIGHT));
    const start = Date.now();
    let killedAt = 0;
    const killer = (async () => {
      await sleep(2_500);
      killedAt = Date.now();
      await a!.kill("SIGKILL");
    })();
    // Even clients use server A while it lives, then B, as a load balancer would send them.
    const answers = await runLoad({
      clients: 16,
      workloads: [signups],
      originOf: (client) => (client % 2 === 0 && a!.alive ? a!.origin : b!.origin),
      until: () => Date.now() - start > 7_000,
    });
    await killer;
    const errors = answers.filter((x) => x.status !== 200);
    console.log(
      "kill under load:",
      JSON.stringify({
        requests: answers.length,
        ok: answers.length - errors.length,
        errors: errors.length,
        errorKinds: [...new Set(errors.map((e) => `${e.status} ${e.error}`))],
        lastErrorAfterKillMs: errors.length ? errors.at(-1)!.at - killedAt : null,
      }),
      signups.summary(),
    );
    // The only failures are the requests the dead server never answered (no 500s from B).
    expect(errors.filter((e) => e.status !== 0)).toEqual([]);
    expect(answers.filter((x) => x.status === 200 && x.sentAt > killedAt).length).toBeGreaterThan(20);
    expect(b!.alive).toBe(true);
    expect(b!.unhandledErrors()).toEqual([]);
    await waitUntilGone('%"signups"%');
    await signups.verify(handle!.db);
  });
});
