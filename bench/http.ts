// `npm run bench`: the key procedures over HTTP at realistic volume (bench/volume.ts), on
// PostgreSQL. autocannon drives, with 50 connections, the production server as it runs (`npm run
// serve`: the front server, which answers /api/trpc on tRPC's Node adapter) and, in the same run, a
// bare node:http server sending the same SQL through the `postgres` driver
// (bench/direct-server.ts): req/s, p50 and p99 of both and their ratio. A third column is
// `next start` alone, the API in Next's route handler, as the app ran before the front server.
// Before the table, the plan of every statement sent. Needs `npm run build` first. BENCH_SECONDS
// (default 10) per run; BENCH_TARGETS=app,direct,next to run fewer, BENCH_CASES=inbox,directory
// (label prefixes) likewise; BENCH_PROFILE=<folder> runs the app servers under `node --cpu-prof`.
import path from "node:path";
import { loadavg } from "node:os";
import postgres from "postgres";
import { migrateDatabase, openPostgres } from "@/db/client";
import { explainProcedures } from "./explain";
import {
  benchDatabase,
  CONNECTIONS,
  drive as driveServer,
  needsBuild,
  SECONDS,
  startServer,
  stopAll,
  waitFor,
  type Result,
} from "./load";
import { PEOPLE, SIGNED_UP, seedVolume, sessionToken } from "./volume";

const PORTS = { app: 3401, direct: 3402, next: 3403 } as const;
type Target = keyof typeof PORTS;
const TARGETS = (process.env.BENCH_TARGETS ?? "app,direct,next").split(",") as Target[];
const CASES = process.env.BENCH_CASES?.split(",");

needsBuild();
const database = await benchDatabase("puente_bench");
const databaseUrl = database.url;

const servers: Partial<Record<Target, { pid?: number }>> = {};
function start(target: Target) {
  const port = String(PORTS[target]);
  const profile = process.env.BENCH_PROFILE;
  const profiled =
    profile && target !== "direct" ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profile)}`] : [];
  const args = {
    app: [...profiled, "--import", "tsx", path.join("server", "front", "serve.ts"), "-p", port],
    next: [...profiled, path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", port],
    direct: ["--import", "tsx", path.join("bench", "direct-server.ts"), databaseUrl, port],
  }[target];
  return startServer(args, databaseUrl);
}

const trpcGet = (procedure: string, input: unknown) =>
  `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
const signedIn = (person: number) => ({ cookie: `authjs.session-token=${sessionToken(person)}` });
/** A different address for every request: the per-address limits are not the subject here. */
const address = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

interface Case {
  label: string;
  read: boolean;
  /** The n-th request to `target`: its path, and for a POST its body. */
  request(target: Target, n: number): { path: string; headers?: Record<string, string>; body?: string };
}

let signupCount = 0;
function cases(actionIds: string[], shiftIds: string[]): Case[] {
  const benchPeople = PEOPLE - SIGNED_UP;
  return [
    {
      label: "actions list",
      read: true,
      request: (target) => ({ path: target === "direct" ? "/actions" : trpcGet("actions.list", {}) }),
    },
    {
      label: "action page",
      read: true,
      request: (target, n) => {
        const id = actionIds[n % actionIds.length]!;
        return { path: target === "direct" ? `/action?id=${id}` : trpcGet("actions.get", { actionId: id }) };
      },
    },
    {
      label: "inbox (signed in)",
      read: true,
      request: (target, n) => ({
        path: target === "direct" ? "/inbox" : trpcGet("messages.inbox", {}),
        headers: signedIn((n % PEOPLE) + 1),
      }),
    },
    {
      label: "directory",
      read: true,
      request: (target) => ({ path: target === "direct" ? "/directory" : trpcGet("groups.directory", {}) }),
    },
    {
      label: "signup (signed in, write)",
      read: false,
      // People without seeded signups, each on a different shift every time (no re-signup no-ops).
      request: (target) => {
        const n = signupCount++;
        const person = SIGNED_UP + 1 + (n % benchPeople);
        const shiftId = shiftIds[(n + Math.floor(n / benchPeople)) % shiftIds.length]!;
        return {
          path: target === "direct" ? "/signup" : "/api/trpc/actions.signUp",
          headers: { ...signedIn(person), "content-type": "application/json", "x-forwarded-for": address(n) },
          body: JSON.stringify(target === "direct" ? { shiftId } : { json: { shiftId } }),
        };
      },
    },
  ];
}

function drive(target: Target, kase: Case, seconds: number): Promise<Result> {
  return driveServer(
    PORTS[target],
    servers[target]!.pid!,
    kase.read ? "GET" : "POST",
    (n) => kase.request(target, n),
    seconds,
  );
}

const handle = await openPostgres(databaseUrl);
try {
  await migrateDatabase(handle);
  const seeding = Date.now();
  const raw = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const { actionIds, shiftIds } = await seedVolume(raw);
  const [counts] =
    await raw`select (select count(*) from users)::int users, (select count(*) from groups)::int groups,
    (select count(*) from actions)::int actions, (select count(*) from shifts)::int shifts,
    (select count(*) from signups)::int signups, (select count(*) from message_deliveries)::int deliveries`;
  await raw.end();
  console.log(`Seeded in ${((Date.now() - seeding) / 1000).toFixed(1)} s:`, counts);

  const reader = { id: "person-1", isAdmin: false };
  const volunteer = { id: `person-${PEOPLE}`, isAdmin: false };
  const flagged = await explainProcedures(
    databaseUrl,
    [
      { label: "actions.list (anonymous)", actor: null, call: (api) => api.actions.list({}) },
      {
        label: "actions.get (anonymous)",
        actor: null,
        call: (api) => api.actions.get({ actionId: actionIds[0]! }),
      },
      { label: "messages.inbox", actor: reader, call: (api) => api.messages.inbox({}) },
      { label: "groups.directory", actor: null, call: (api) => api.groups.directory({}) },
      {
        label: "actions.signUp",
        actor: volunteer,
        call: (api) => api.actions.signUp({ shiftId: shiftIds.at(-1)! }),
      },
    ],
    sessionToken(1),
  );
  console.log(`\n${flagged} sequential scans of big tables.\n`);

  for (const target of TARGETS) servers[target] = start(target);
  for (const target of TARGETS) {
    await waitFor(PORTS[target], target === "direct" ? "/directory" : trpcGet("groups.directory", {}));
  }

  const rows: string[] = [];
  const header = `| request | ${TARGETS.map((t) => `${t} req/s | ${t} p50 | ${t} p99 | ${t} CPU/req`).join(" | ")} | app / direct req/s | next / direct req/s | direct / app CPU | load avg |`;
  const chosen = cases(actionIds, shiftIds).filter(
    (kase) => !CASES || CASES.some((prefix) => kase.label.startsWith(prefix)),
  );
  for (const kase of chosen) {
    const results: Partial<Record<Target, Result>> = {};
    for (const target of TARGETS) {
      await drive(target, kase, 2); // warm up: JIT, pools, plans
      results[target] = await drive(target, kase, SECONDS);
      const r = results[target]!;
      console.log(
        `${kase.label} — ${target}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.cpuMs.toFixed(2)} ms CPU/request; ${r.statuses}` +
          (r.non2xx ? `  (${r.non2xx} not 2xx!)` : ""),
      );
    }
    const ratio = (a?: Result, b?: Result) => (a && b ? (a.rps / b.rps).toFixed(2) : "–");
    rows.push(
      `| ${kase.label} | ${TARGETS.map((t) => `${results[t]!.rps.toFixed(0)} | ${results[t]!.p50} ms | ${results[t]!.p99} ms | ${results[t]!.cpuMs.toFixed(2)} ms`).join(" | ")} | ${ratio(results.app, results.direct)} | ${ratio(results.next, results.direct)} | ${results.app && results.direct ? (results.direct.cpuMs / results.app.cpuMs).toFixed(2) : "–"} | ${loadavg()[0]!.toFixed(1)} |`,
    );
  }
  console.log(`\n${CONNECTIONS} connections, ${SECONDS} s per run, after a 2 s warm-up:\n`);
  console.log(header);
  console.log(`|${" --- |".repeat(header.split("|").length - 2)}`);
  for (const row of rows) console.log(row);
} finally {
  await stopAll();
  await handle.close();
  await database.drop();
}
