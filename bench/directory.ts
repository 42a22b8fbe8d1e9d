// `npm run bench`: the group directory at 10,000 groups, on PostgreSQL (never PGlite). Prints the
// latency of each kind of page through the tRPC caller, next to the same SQL sent straight through
// the `postgres` driver: the database's own floor.
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { env, migrateDatabase, openPostgres } from "@/db/client";
import { countries, groupKinds, groups } from "@/db/schema";
import { callerFor } from "@/test-support/factories";

const GROUPS = 10_000;
const RUNS = 300;

const baseUrl = env("DATABASE_URL") ?? "postgres://postgres@127.0.0.1:5432/postgres";
const name = `puente_bench_${randomBytes(4).toString("hex")}`;
const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(baseUrl);
url.pathname = `/${name}`;
const handle = await openPostgres(url.toString());

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(run: () => Promise<unknown>) {
  for (let i = 0; i < 20; i++) await run(); // warm up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

try {
  await migrateDatabase(handle);
  const cities = [
    "Tijuana",
    "San Diego",
    "Mexicali",
    "Nogales",
    "Tucson",
    "El Paso",
    "Ciudad Juárez",
    "Laredo",
    "Matamoros",
    "Brownsville",
  ];
  const rows = Array.from({ length: GROUPS }, (_, i) => ({
    slug: `grupo-${i}`,
    name: `Grupo ${String(i).padStart(5, "0")} ${cities[i % cities.length]}`,
    kind: groupKinds[i % groupKinds.length]!,
    country: countries[i % 2]!,
    city: cities[i % cities.length]!,
    region: "Frontera",
    verified: i % 10 !== 0,
  }));
  for (let i = 0; i < rows.length; i += 1000) await handle.db.insert(groups).values(rows.slice(i, i + 1000));
  await handle.db.execute(sql`analyze groups`);

  const api = callerFor(handle.db, null);
  const middle = await api.groups.directory({});
  let cursor = middle.next!;
  for (let page = 0; page < 150; page++) cursor = (await api.groups.directory({ after: cursor })).next!;
  const raw = postgres(url.toString(), { max: 1, onnotice: () => {} });

  const cases: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
    [
      "first page",
      () => api.groups.directory({}),
      () =>
        raw`select id, slug, name, kind, city, region, country from groups where verified order by name, id limit 25`,
    ],
    [
      "page 150 (keyset)",
      () => api.groups.directory({ after: cursor }),
      () =>
        raw`select id, slug, name, kind, city, region, country from groups where verified and (name > ${cursor.name} or (name = ${cursor.name} and id > ${cursor.id})) order by name, id limit 25`,
    ],
    [
      "search 'juárez'",
      () => api.groups.directory({ query: "juárez" }),
      () =>
        raw`select id, slug, name, kind, city, region, country from groups where verified and (name ilike '%juárez%' or city ilike '%juárez%' or region ilike '%juárez%') order by name, id limit 25`,
    ],
    [
      "kind + country",
      () => api.groups.directory({ kind: "medical", country: "MX" }),
      () =>
        raw`select id, slug, name, kind, city, region, country from groups where verified and kind = 'medical' and country = 'MX' order by name, id limit 25`,
    ],
  ];
  console.log(`Group directory, ${GROUPS} groups on PostgreSQL, ${RUNS} sequential calls each (ms):`);
  console.log("| page | caller p50 | caller p95 | raw SQL p50 | ratio p50 |");
  console.log("| --- | --- | --- | --- | --- |");
  for (const [label, viaApi, viaSql] of cases) {
    const a = await measure(viaApi);
    const b = await measure(viaSql);
    console.log(
      `| ${label} | ${a.p50.toFixed(2)} | ${a.p95.toFixed(2)} | ${b.p50.toFixed(2)} | ${(a.p50 / b.p50).toFixed(1)}× |`,
    );
  }
  await raw.end();
} finally {
  await handle.close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
