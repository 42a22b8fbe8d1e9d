// Signups per second under 50 concurrent clients: through the HTTP API of a production server
// (`next start`, real sessions), and the same signup done directly as one SQL transaction with
// the `postgres` driver, in the same run, on the same PostgreSQL. Needs `npm run build` first.
import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { env, migrateDatabase, openPostgres } from "@/db/client";
import { actions, groups, sessions, shifts, users } from "@/db/schema";

const CLIENTS = 50;
const SHIFTS = 60;
const PORT = 3199;

const baseUrl = env("DATABASE_URL") ?? "postgres://postgres@127.0.0.1:5432/postgres";
const name = `puente_bench_${randomBytes(4).toString("hex")}`;
const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(baseUrl);
url.pathname = `/${name}`;
const handle = await openPostgres(url.toString());

async function setUp() {
  const [group] = await handle.db
    .insert(groups)
    .values({
      slug: "bench",
      name: "Bench",
      kind: "community",
      city: "Tijuana",
      region: "BC",
      country: "MX",
      verified: true,
    })
    .returning();
  const startsAt = new Date(Date.now() + 7 * 86_400_000);
  const endsAt = new Date(startsAt.getTime() + 3_600_000);
  const [action] = await handle.db
    .insert(actions)
    .values({
      groupId: group!.id,
      title: "Bench",
      kind: "welcome",
      placeName: "Tijuana",
      timeZone: "America/Tijuana",
      startsAt,
      endsAt,
    })
    .returning();
  const shiftRows = (label: string) =>
    handle.db
      .insert(shifts)
      .values(
        Array.from({ length: SHIFTS }, (_, i) => ({
          actionId: action!.id,
          role: `${label} ${i}`,
          startsAt,
          endsAt,
          capacity: 10_000,
        })),
      )
      .returning({ id: shifts.id });
  const people = await handle.db
    .insert(users)
    .values(
      Array.from({ length: CLIENTS }, (_, i) => ({ email: `bench-${i}@example.org`, name: `Bench ${i}` })),
    )
    .returning({ id: users.id });
  const tokens = people.map(() => randomBytes(32).toString("hex"));
  await handle.db.insert(sessions).values(
    people.map((p, i) => ({
      sessionToken: tokens[i]!,
      userId: p.id,
      expires: new Date(Date.now() + 86_400_000),
    })),
  );
  return { people, tokens, httpShifts: await shiftRows("http"), sqlShifts: await shiftRows("sql") };
}

async function run(label: string, work: (client: number, shift: number) => Promise<void>) {
  const start = performance.now();
  let errors = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let shift = 0; shift < SHIFTS; shift++) await work(client, shift).catch(() => errors++);
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const rate = (CLIENTS * SHIFTS) / seconds;
  console.log(
    `${label}: ${CLIENTS * SHIFTS} signups in ${seconds.toFixed(1)} s = ${rate.toFixed(0)}/s, ${errors} errors`,
  );
  return rate;
}

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(
        `http://127.0.0.1:${PORT}/api/trpc/groups.directory?input=${encodeURIComponent('{"json":{}}')}`,
      ).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error("the app server did not start");
}

const server = spawn("npx", ["next", "start", "-p", String(PORT)], {
  env: { ...process.env, DATABASE_URL: url.toString(), PUENTE_WORKER: "0", NEXT_TELEMETRY_DISABLED: "1" },
  stdio: "ignore",
  detached: true,
});
try {
  await migrateDatabase(handle);
  const { people, tokens, httpShifts, sqlShifts } = await setUp();
  await waitForServer();

  const viaHttp = await run("HTTP API (next start, tRPC, Auth.js session)", async (client, shift) => {
    const response = await fetch(`http://127.0.0.1:${PORT}/api/trpc/actions.signUp`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `authjs.session-token=${tokens[client]}` },
      body: JSON.stringify({ json: { shiftId: httpShifts[shift]!.id } }),
    });
    if (!response.ok) throw new Error(String(response.status));
    await response.arrayBuffer();
  });

  const direct = postgres(url.toString(), { max: CLIENTS, onnotice: () => {} });
  const viaSql = await run("direct SQL transaction (postgres driver)", async (client, shift) => {
    const shiftId = sqlShifts[shift]!.id;
    const userId = people[client]!.id;
    await direct.begin(async (tx) => {
      const [row] = await tx`select capacity, confirmed_count from shifts where id = ${shiftId} for update`;
      const [existing] = await tx`select id from signups where shift_id = ${shiftId} and user_id = ${userId}`;
      if (existing) return;
      const status = row!.confirmed_count < row!.capacity ? "confirmed" : "waitlisted";
      const id = randomUUID();
      await tx`insert into signups (id, shift_id, user_id, status) values (${id}, ${shiftId}, ${userId}, ${status})`;
      await tx`update shifts set confirmed_count = confirmed_count + 1 where id = ${shiftId}`;
      await tx`insert into jobs (kind, payload, dedupe_key) values ('signup.reminder', ${tx.json({ signupId: id })}, ${`reminder:${id}`}) on conflict do nothing`;
    });
  });
  await direct.end();
  console.log(`HTTP / direct = ${(viaHttp / viaSql).toFixed(2)} (aim: at least 0.5)`);
} finally {
  if (server.pid) process.kill(-server.pid, "SIGTERM");
  await handle.close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
