// `npm run bench`: the two "at a glance" screens on PostgreSQL (never PGlite), on a volume a busy
// season could reach: 2,000 people in 100 groups, 2,000 actions of 6,000 shifts, 20 caravans of 200
// reports each with their needs and pledges, three open decisions, and 300 messages to a
// 1,000-member group (300,000 deliveries, some failed). Times home.mine for a volunteer of that
// group and coordinate.overview for its coordinator through the server caller. Aim: under 100 ms each.
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { env, migrateDatabase, openPostgres } from "@/db/client";
import { fillRates } from "@/server/actions/shifts";
import { caravanViewer } from "@/server/caravans/access";
import { caravansAtAGlance } from "@/server/caravans/glance";
import { ballotsAwaiting, openDecisionsTurnout } from "@/server/decisions/turnout";
import { listMyGroups } from "@/server/groups/groups";
import { messagesWithFailedDeliveries } from "@/server/messages/threads";
import { addMember, callerFor, makeGroup, makeMeetingPoint, makeUser } from "@/test-support/factories";

const PEOPLE = 2_000;
const GROUPS = 100;
const ACTIONS = 2_000;
const CARAVANS = 20;
const REPORTS = 200;
const MESSAGES = 300;
const RUNS = 200;

const baseUrl = env("DATABASE_URL") ?? "postgres://postgres@127.0.0.1:5432/postgres";
const name = `puente_bench_home_${randomBytes(4).toString("hex")}`;
const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(baseUrl);
url.pathname = `/${name}`;
const handle = await openPostgres(url.toString());

try {
  await migrateDatabase(handle);
  const db = handle.db;
  const seeding = performance.now();
  const coordinator = await makeUser(db, { name: "Bench coordinator" });
  const volunteer = await makeUser(db, { name: "Bench volunteer" });
  const groups = [];
  for (let g = 0; g < GROUPS; g++) groups.push(await makeGroup(db, { verified: g % 5 !== 4 }));
  const ids = sql.join(
    groups.map((g) => sql`${g.id}::uuid`),
    sql`, `,
  );
  const groupAt = (i: string) => sql`(array[${ids}])[(${sql.raw(i)} % ${sql.raw(String(GROUPS))}) + 1]`;
  for (const group of groups.slice(0, 5)) await addMember(db, group.id, coordinator.id, "coordinator");
  await addMember(db, groups[0]!.id, volunteer.id, "member");

  // People: each in one group; the first 1,000 also in the coordinator's first group; 50 asking to join.
  await db.execute(sql`insert into users (id, email, name)
    select 'bench-' || i, 'bench-' || i || '@example.org', 'Persona ' || i from generate_series(1, ${PEOPLE}) i`);
  await db.execute(sql`insert into memberships (group_id, user_id, role, status)
    select ${groupAt("i")}, 'bench-' || i, case when i <= ${GROUPS} then 'coordinator' else 'member' end::membership_role, 'active'
    from generate_series(1, ${PEOPLE}) i`);
  await db.execute(sql`insert into memberships (group_id, user_id, role, status)
    select ${groups[0]!.id}, 'bench-' || i, 'member', 'active' from generate_series(1, 1000) i
    on conflict do nothing`);
  await db.execute(sql`insert into memberships (group_id, user_id, role, status)
    select (array[${ids}])[(i % 5) + 1], 'bench-' || i, 'member', 'pending' from generate_series(1001, 1050) i
    on conflict do nothing`);

  // Actions over the last month and the next two, three shifts each, filled at random.
  await db.execute(sql`insert into actions (group_id, title, kind, place_name, time_zone, starts_at, ends_at)
    select ${groupAt("i")}, 'Acción ' || i, 'welcome', 'San Ysidro, Tijuana', 'America/Tijuana',
      now() + make_interval(hours => (i % 2160) - 720), now() + make_interval(hours => (i % 2160) - 716)
    from generate_series(1, ${ACTIONS}) i`);
  await db.execute(sql`insert into shifts (action_id, role, starts_at, ends_at, capacity, confirmed_count)
    select a.id, 'Turno ' || k, a.starts_at, a.ends_at, 10, (random() * 10)::int
    from actions a, generate_series(1, 3) k`);
  // The volunteer: 20 shifts to come, 500 gone by.
  await db.execute(sql`insert into signups (shift_id, user_id, status)
    select id, ${volunteer.id}, 'confirmed' from (
      (select id from shifts where starts_at > now() order by starts_at limit 20)
      union all (select id from shifts where ends_at < now() order by starts_at limit 500)) s`);

  // Caravans, 200 reports each (one an hour), three needs a report, pledges against a fifth of them.
  await db.execute(sql`insert into caravans (name, origin, departure_date, estimated_size, status)
    select 'Caravana ' || i, 'HN', current_date - 30, 3000, 'in_transit' from generate_series(1, ${CARAVANS}) i`);
  await db.execute(sql`insert into caravan_reports (caravan_id, place_name, latitude_tenths, longitude_tenths, headcount, reported_at, reporter_group_id)
    select c.id, 'Lugar ' || j, 150 + j / 10, -925 + j / 20, 3000 - j * 5, now() - make_interval(hours => j), ${groups[1]!.id}
    from caravans c, generate_series(1, ${REPORTS}) j`);
  await db.execute(sql`insert into report_needs (report_id, kind, quantity, note)
    select r.id, (array['water','food','medical'])[k]::need_kind, 1000, '' from caravan_reports r, generate_series(1, 3) k`);
  await db.execute(sql`insert into pledges (need_id, group_id, what, quantity, by_date)
    select n.id, ${groupAt("abs(hashtext(n.id::text))")}, 'Agua', 100, current_date + (random() * 20)::int
    from report_needs n where random() < 0.2`);

  // Three open decisions; half the verified groups voted in each.
  const points = [];
  for (let p = 0; p < 3; p++) points.push(await makeMeetingPoint(db, groups[0]!.id));
  const choices = sql.join(
    points.map((p) => sql`${p.id}::uuid`),
    sql`, `,
  );
  await db.execute(sql`insert into decisions (question, method, opens_at, closes_at, quorum)
    select '¿Dónde nos encontramos? ' || i, 'approval', now() - interval '1 day', now() + interval '5 days', 10
    from generate_series(1, 3) i`);
  await db.execute(sql`insert into decision_options (decision_id, meeting_point_id, position)
    select d.id, (array[${choices}])[k], k from decisions d, generate_series(1, 3) k`);
  await db.execute(sql`insert into ballots (decision_id, voter_kind, group_id, choices)
    select d.id, 'group', g.id, array[${points[0]!.id}::uuid] from decisions d,
      (select id from groups where verified order by id offset 10 limit 40) g`);

  // 300 messages to the 1,000-member group over 30 days; a tenth urgent, and a tenth with failed emails.
  await db.execute(sql`with m as (
      insert into messages (sender_id, group_ids, audience, subject_es, body_es, urgent, created_at)
      select ${coordinator.id}, array[${groups[0]!.id}::uuid], '[]'::jsonb, 'Aviso ' || i, 'Texto ' || i, i % 10 = 0,
        now() - make_interval(mins => i * 140)
      from generate_series(1, ${MESSAGES}) i returning id, urgent, created_at, subject_es)
    insert into message_deliveries (message_id, user_id, status, by_email, created_at, read_at)
    select m.id, ms.user_id,
      case when m.subject_es like '%3' and random() < 0.05 then 'failed' else 'sent' end::delivery_status,
      true, m.created_at, case when random() < 0.7 then now() end
    from m join memberships ms on ms.group_id = ${groups[0]!.id} and ms.status = 'active' and ms.user_id <> ${coordinator.id}`);
  // As autovacuum leaves a settled table: statistics, and a visibility map for index-only scans.
  await db.execute(sql`vacuum analyze`);
  const count = async (table: string) =>
    Number(
      (
        (await db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as { n: number }[]
      )[0]!.n,
    );
  console.log(
    `Seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s: ${await count("users")} people, ${await count("memberships")} memberships, ${await count("actions")} actions, ${await count("shifts")} shifts, ${await count("caravan_reports")} caravan reports, ${await count("report_needs")} needs, ${await count("pledges")} pledges, ${await count("ballots")} ballots, ${await count("message_deliveries")} message deliveries`,
  );

  const cases: [string, () => Promise<unknown>, (r: never) => string][] = [
    [
      "home.mine (a volunteer)",
      () => callerFor(db, volunteer).home.mine(),
      (r: Awaited<ReturnType<ReturnType<typeof callerFor>["home"]["mine"]>>) =>
        `${r.shifts.length} shifts, ${r.urgent.length} urgent, ${r.ballots.length} ballots, ${r.pledges.length} pledges`,
    ],
    [
      "home.mine (the coordinator)",
      () => callerFor(db, coordinator).home.mine(),
      (r: Awaited<ReturnType<ReturnType<typeof callerFor>["home"]["mine"]>>) =>
        `${r.ballots.length} ballots, ${r.pledges.length} pledges, ${r.requests.length} groups with requests`,
    ],
    [
      "coordinate.overview (the coordinator)",
      () => callerFor(db, coordinator).coordinate.overview(),
      (r: Awaited<ReturnType<ReturnType<typeof callerFor>["coordinate"]["overview"]>>) =>
        `${r.caravans.length} caravans, ${r.decisions.length} decisions, ${r.actions.length} actions, ${r.failed.length} failed messages`,
    ],
  ];
  console.log(`${RUNS} sequential calls each through the server caller (ms):`);
  console.log("| screen query | what it returned | p50 | p95 | aim |");
  console.log("| --- | --- | --- | --- | --- |");
  for (const [label, run, describe] of cases) {
    for (let i = 0; i < 20; i++) await run();
    const times: number[] = [];
    let last: unknown;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      last = await run();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
    console.log(`| ${label} | ${describe(last as never)} | ${p(0.5)} | ${p(0.95)} | < 100 |`);
  }
  // Where the overview's time goes: each of its parts alone (they run in parallel in the screen).
  const viewer = await caravanViewer(db, coordinator);
  const mine = groups.slice(0, 5).map((g) => g.id);
  const parts: [string, () => Promise<unknown>][] = [
    ["memberships (listMyGroups)", () => listMyGroups(db, coordinator)],
    ["caravan viewer", () => caravanViewer(db, coordinator)],
    ["caravans at a glance", () => caravansAtAGlance(db, coordinator, viewer)],
    ["open decisions' turnout", () => openDecisionsTurnout(db)],
    ["ballots owed", () => ballotsAwaiting(db, coordinator)],
    ["fill rates", () => fillRates(db, mine)],
    ["failed emails", () => messagesWithFailedDeliveries(db, coordinator)],
  ];
  console.log("coordinate.overview's parts alone (ms):");
  console.log("| part | p50 | p95 |");
  console.log("| --- | --- | --- |");
  for (const [label, run] of parts) {
    for (let i = 0; i < 10; i++) await run();
    const times: number[] = [];
    for (let i = 0; i < RUNS / 2; i++) {
      const t0 = performance.now();
      await run();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
    console.log(`| ${label} | ${p(0.5)} | ${p(0.95)} |`);
  }
} finally {
  await handle.close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
