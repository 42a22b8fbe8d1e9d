// `npm run bench`: a message's SMS fan-out on PostgreSQL (DATABASE_URL is required: never PGlite).
// 10,000 people with verified numbers who take every message by SMS; one message to all of them;
// the job worker sends the texts to an SMSC in this process (test-support/smpp-server.ts), and every
// number must get exactly one text. Timed with no rate limit (with and without a daily cap to
// count against), and at SMS_RATE=100 on SMS_BENCH_RATED people (2,000 unless told: 10,000 take
// 100 s at that rate by design, which measures the pacing, not Puente).
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { env, migrateDatabase, openPostgres, type Database } from "@/db/client";
import { smsDeliveries } from "@/db/schema";
import { JOB_CONCURRENCY } from "@/server/jobs/queue";
import { runDueJobs } from "@/server/jobs/worker";
import { startSms, stopSms } from "@/server/sms/sms";
import { addMember, callerFor, makeGroup, makeUser } from "@/test-support/factories";
import { startSmsc } from "@/test-support/smpp-server";

const RECIPIENTS = 10_000;
const GROUPS = 10;
const RATED = Number(env("SMS_BENCH_RATED") ?? 2_000);

const baseUrl = env("DATABASE_URL");
if (!baseUrl) {
  console.error("bench/sms.ts needs DATABASE_URL (a PostgreSQL server): it never runs on PGlite.");
  process.exit(1);
}
const name = `puente_bench_${randomBytes(4).toString("hex")}`;
const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(baseUrl);
url.pathname = `/${name}`;
const handle = await openPostgres(url.toString());
const smsc = await startSmsc();
process.env.SMS_URL = smsc.url;
process.env.SMTP_URL = "";
// Email is not what is timed: nobody here takes messages by email, and no urgent message is sent.

/** Restarts the bind with `rate` (0: no limit) and `cap` (none, or segments a group a day). */
async function bind(db: Database, rate: number, cap: string) {
  await stopSms();
  process.env.SMS_RATE = String(rate);
  process.env.SMS_DAILY_CAP_PER_GROUP = cap;
  const binds = smsc.binds;
  startSms(db);
  const deadline = Date.now() + 10_000;
  while (smsc.binds === binds) {
    if (Date.now() > deadline) throw new Error("no bind");
    await new Promise((r) => setTimeout(r, 20));
  }
}

try {
  await migrateDatabase(handle);
  const db = handle.db;
  const coordinator = await makeUser(db, { name: "Bench coordinator" });
  const groups: Awaited<ReturnType<typeof makeGroup>>[] = [];
  for (let g = 0; g < GROUPS; g++) {
    const group = await makeGroup(db);
    await addMember(db, group.id, coordinator.id, "coordinator");
    groups.push(group);
  }
  // 10,000 people, a thousand per group, each with a verified Tijuana mobile number, in bulk.
  await db.execute(sql`insert into users (id, email, name, email_messages)
    select 'bench-' || i, 'bench-' || i || '@example.org', 'Persona ' || i, false
    from generate_series(1, ${RECIPIENTS}) i`);
  const ids = sql.join(
    groups.map((g) => sql`${g.id}::uuid`),
    sql`, `,
  );
  await db.execute(sql`insert into memberships (group_id, user_id, role, status)
    select (array[${ids}])[(i % ${GROUPS}) + 1], 'bench-' || i, 'member', 'active'
    from generate_series(1, ${RECIPIENTS}) i`);
  await db.execute(sql`insert into phone_numbers (user_id, e164, sms_messages)
    select 'bench-' || i, '+52664' || lpad(i::text, 7, '0'), 'all' from generate_series(1, ${RECIPIENTS}) i`);
  await db.execute(sql`analyze`);
  const api = callerFor(db, coordinator);

  console.log(
    `SMS fan-out to the in-process SMSC, one job worker with ${JOB_CONCURRENCY} jobs at once, PostgreSQL:`,
  );
  console.log("| run | texts | send (ms) | wall time (s) | texts/s | CPU per text (ms) | one text each |");
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  const run = async (label: string, rate: number, cap: string, groupCount: number) => {
    await bind(db, rate, cap);
    const recipients = (RECIPIENTS / GROUPS) * groupCount;
    const first = smsc.submitted.length;
    const cpu = process.cpuUsage();
    const start = performance.now();
    const { id } = await api.messages.send({
      audience: groups
        .slice(0, groupCount)
        .map((g) => ({ kind: "group" as const, groupId: g.id, roles: ["member" as const] })),
      subjectEs: "Cambio de punto",
      bodyEs: "Nos vemos en la plaza a las 8. Traigan agua.",
      urgent: false,
    });
    const sent = performance.now() - start;
    await runDueJobs(db);
    const wall = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    const perNumber = new Map<string, number>();
    for (const s of smsc.submitted.slice(first)) perNumber.set(s.to, (perNumber.get(s.to) ?? 0) + 1);
    const [statuses] = await db
      .select({ sent: sql<number>`(count(*) filter (where ${smsDeliveries.status} = 'sent'))::int` })
      .from(smsDeliveries)
      .where(eq(smsDeliveries.messageId, id));
    const texts = smsc.submitted.length - first;
    const once =
      perNumber.size === recipients &&
      [...perNumber.values()].every((n) => n === 1) &&
      Number(statuses?.sent) === recipients;
    console.log(
      `| ${label} | ${texts} | ${sent.toFixed(0)} | ${wall.toFixed(1)} | ${Math.round(texts / wall)} | ${((used.user + used.system) / 1000 / texts).toFixed(2)} | ${once ? "yes" : "NO"} |`,
    );
    if (!once) process.exitCode = 1;
  };
  await run("no rate limit, no cap", 0, "none", GROUPS);
  await run("no rate limit, cap counted (100,000)", 0, "100000", GROUPS);
  await run(`SMS_RATE=100, no cap`, 100, "none", RATED / (RECIPIENTS / GROUPS));
  console.log(
    "CPU per text is this process's (worker, driver and the test SMSC), not PostgreSQL's. At SMS_RATE=100 the floor is texts / 100 s.",
  );
} finally {
  await stopSms();
  await smsc.close();
  await handle.close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
