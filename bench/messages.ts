// `npm run bench`: messages on PostgreSQL (never PGlite). The fan-out of one message to 10,000
// recipients in 10 groups (deliveries written and emails queued, in one transaction), and the
// inbox of a person holding 5,000 messages. Aims: fan-out under 2 s, an inbox page under 50 ms.
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { env, migrateDatabase, openPostgres } from "@/db/client";
import { jobs, messageDeliveries } from "@/db/schema";
import { runDueJobs } from "@/server/jobs/worker";
import { addMember, callerFor, makeGroup, makeUser } from "@/test-support/factories";
import { startMailbox } from "@/test-support/smtp";

const RECIPIENTS = 10_000;
const GROUPS = 10;
const INBOX_MESSAGES = 5_000;
const RUNS = 200;

const baseUrl = env("DATABASE_URL") ?? "postgres://postgres@127.0.0.1:5432/postgres";
const name = `puente_bench_${randomBytes(4).toString("hex")}`;
const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(baseUrl);
url.pathname = `/${name}`;
const handle = await openPostgres(url.toString());

const count = async (query: Promise<{ n: number }[]>) => Number((await query)[0]?.n ?? 0);

try {
  await migrateDatabase(handle);
  const db = handle.db;
  const coordinator = await makeUser(db, { name: "Bench coordinator" });
  const groups = [];
  for (let g = 0; g < GROUPS; g++) {
    const group = await makeGroup(db);
    await addMember(db, group.id, coordinator.id, "coordinator");
    groups.push(group);
  }
  // 10,000 people, a thousand per group, written in bulk.
  await db.execute(sql`insert into users (id, email, name)
    select 'bench-' || i, 'bench-' || i || '@example.org', 'Persona ' || i from generate_series(1, ${RECIPIENTS}) i`);
  const ids = sql.join(
    groups.map((g) => sql`${g.id}::uuid`),
    sql`, `,
  );
  await db.execute(sql`insert into memberships (group_id, user_id, role, status)
    select (array[${ids}])[(i % ${GROUPS}) + 1], 'bench-' || i, 'member', 'active'
    from generate_series(1, ${RECIPIENTS}) i`);
  await db.execute(sql`analyze`);

  const api = callerFor(db, coordinator);
  const audience = groups.map((g) => ({ kind: "group" as const, groupId: g.id, roles: ["member" as const] }));
  const start = performance.now();
  const { id } = await api.messages.send({
    audience,
    subjectEs: "Cierre de la garita",
    bodyEs: "La garita de San Ysidro está cerrada. No vengan hoy.",
    urgent: true,
  });
  const fanOut = performance.now() - start;
  const deliveries = await count(
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(messageDeliveries)
      .where(eq(messageDeliveries.messageId, id)),
  );
  const queued = await count(
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(jobs)
      .where(eq(jobs.kind, "message.email")),
  );
  console.log(
    `Fan-out of one urgent message to ${GROUPS} groups: ${fanOut.toFixed(0)} ms, ${deliveries} deliveries written, ${queued} emails queued (aim: < 2000 ms)`,
  );

  // The emails of an urgent message to one group of 1,000, sent by the job worker to a local SMTP
  // server (the 10,000 queued above are set aside first, so only these are timed).
  await db.delete(jobs);
  const mailbox = await startMailbox();
  process.env.SMTP_URL = mailbox.url;
  await api.messages.send({
    audience: [audience[0]!],
    subjectEs: "Reunión a las 18:00",
    bodyEs: "Nos vemos en el albergue a las 18:00.",
    urgent: true,
  });
  const drainStart = performance.now();
  const sent = await runDueJobs(db);
  const drain = performance.now() - drainStart;
  await mailbox.close();
  console.log(
    `Emails of one urgent message to ${sent} people, sent by the worker to a local SMTP server: ${(drain / 1000).toFixed(1)} s, ${Math.round(sent / (drain / 1000))} emails/s (${mailbox.received.length} received)`,
  );

  // A reader with 5,000 messages, written in bulk (a thousand sends would only time the sends).
  const reader = await makeUser(db, { name: "Bench reader" });
  await db.execute(sql`with m as (
      insert into messages (sender_id, group_ids, audience, subject_es, body_es, created_at)
      select ${coordinator.id}, array[${groups[0]!.id}::uuid], '[]'::jsonb, 'Aviso ' || i, 'Texto del aviso ' || i,
        now() - make_interval(mins => i)
      from generate_series(1, ${INBOX_MESSAGES}) i returning id, created_at)
    insert into message_deliveries (message_id, user_id, status, by_email, created_at, read_at)
    select m.id, ${reader.id}, 'sent', false, m.created_at, case when random() < 0.8 then now() end from m`);
  await db.execute(sql`analyze`);
  const inboxRows = await count(
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(messageDeliveries)
      .where(eq(messageDeliveries.userId, reader.id)),
  );
  const readerApi = callerFor(db, reader);
  const first = await readerApi.messages.inbox({});
  let cursor = first.next!;
  for (let page = 0; page < 100; page++) cursor = (await readerApi.messages.inbox({ before: cursor })).next!;
  const cases: [string, () => Promise<unknown>][] = [
    ["inbox, first page", () => readerApi.messages.inbox({})],
    ["inbox, page 100 (keyset)", () => readerApi.messages.inbox({ before: cursor })],
    ["unread count", () => readerApi.messages.unreadCount()],
  ];
  console.log(
    `Inbox of a person with ${inboxRows} messages, ${RUNS} sequential calls through the caller (ms):`,
  );
  console.log("| query | rows | p50 | p95 |");
  console.log("| --- | --- | --- | --- |");
  for (const [label, run] of cases) {
    for (let i = 0; i < 20; i++) await run();
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const result = (await run()) as { messages?: unknown[]; unread?: number };
      times.push(performance.now() - t0);
      rows = result.messages?.length ?? result.unread ?? 0;
    }
    times.sort((a, b) => a - b);
    const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2);
    console.log(`| ${label} | ${rows} | ${p(0.5)} | ${p(0.95)} |`);
  }
} finally {
  await handle.close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
