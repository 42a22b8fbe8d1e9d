// `npm run bench`, pages: what a phone opening Puente costs the server, at the benchmark's volume
// (bench/volume.ts) on PostgreSQL. Three pages signed out (`/`, `/actions`, an action), as a
// forwarded link brings thousands of readers to them, and three signed in (`/home`, `/inbox`, an
// action), each person with their own session. autocannon drives each with 50 connections against
// the production server (`npm run serve`) and, in the same run, two floors:
//   - bytes: a bare node:http server sending the very bytes and headers the app sent for that page
//     (bench/bytes-server.ts): no server of pages can do better on this machine;
//   - driver: the bare `postgres` driver sending the same SQL as the page's main read
//     (bench/direct-server.ts), where that server has it (the list, an action, the inbox).
// Requests ask for gzip, as browsers do. Prints req/s, p50, p99 and server CPU per request, and
// the app's rate as a share of each floor. Needs `npm run build` first. BENCH_SECONDS (default 10);
// BENCH_CASES=/home,an (label prefixes) for fewer pages; BENCH_PROFILE=<folder> profiles the app.
import { writeFileSync } from "node:fs";
import { get } from "node:http";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { migrateDatabase, openPostgres } from "@/db/client";
import {
  benchDatabase,
  CONNECTIONS,
  drive,
  needsBuild,
  SECONDS,
  startServer,
  stopAll,
  waitFor,
  type Result,
} from "./load";
import { PEOPLE, seedVolume, sessionToken } from "./volume";

const PORTS = { app: 3411, bytes: 3412, driver: 3413 } as const;
type Target = keyof typeof PORTS;
const ONLY = process.env.BENCH_CASES?.split(",");

needsBuild();
const database = await benchDatabase("puente_bench_pages");

interface Page {
  label: string;
  path: string;
  signedIn: boolean;
  /** The direct server's request for the same main read, if it has one. */
  driver?: string;
}

const signedIn = (person: number) => ({ cookie: `authjs.session-token=${sessionToken(person)}` });
const phone = { "accept-encoding": "gzip, deflate, br", "accept-language": "es-MX,es;q=0.9,en;q=0.8" };
const headersFor = (page: Page, n: number): Record<string, string> =>
  page.signedIn ? { ...phone, ...signedIn((n % PEOPLE) + 1) } : phone;

/** A GET whose body is kept as sent (compressed), with the headers worth sending again. */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, string>; body: Buffer }>((resolve, reject) => {
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const kept: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) {
          if (
            value === undefined ||
            ["content-length", "transfer-encoding", "connection", "keep-alive", "date"].includes(name)
          )
            continue;
          kept[name] = Array.isArray(value) ? value.join(", ") : value;
        }
        resolve({ status: response.statusCode ?? 0, headers: kept, body: Buffer.concat(chunks) });
      });
    }).on("error", reject);
  });
}

const handle = await openPostgres(database.url);
try {
  await migrateDatabase(handle);
  const raw = postgres(database.url, { max: 1, onnotice: () => {} });
  const { actionIds } = await seedVolume(raw);
  await raw.end();
  const action = actionIds[0]!;
  const pages: Page[] = [
    { label: "/ (signed out)", path: "/", signedIn: false },
    { label: "/actions (signed out)", path: "/actions", signedIn: false, driver: "/actions" },
    {
      label: "an action (signed out)",
      path: `/actions/${action}`,
      signedIn: false,
      driver: `/action?id=${action}`,
    },
    { label: "/home (signed in)", path: "/home", signedIn: true },
    { label: "/inbox (signed in)", path: "/inbox", signedIn: true, driver: "/inbox" },
    {
      label: "an action (signed in)",
      path: `/actions/${action}`,
      signedIn: true,
      driver: `/action?id=${action}`,
    },
  ];

  const profile = process.env.BENCH_PROFILE;
  const profiled = profile ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profile)}`] : [];
  const app = startServer(
    [...profiled, "--import", "tsx", path.join("server", "front", "serve.ts"), "-p", String(PORTS.app)],
    database.url,
    { PUENTE_URL: `http://127.0.0.1:${PORTS.app}` },
  );
  const driver = startServer(
    ["--import", "tsx", path.join("bench", "direct-server.ts"), database.url, String(PORTS.driver)],
    database.url,
  );
  await waitFor(PORTS.app, "/actions");
  await waitFor(PORTS.driver, "/actions");

  // What the app sends for each page (as person 1 for the signed-in ones), for the byte floor.
  const captured: Record<string, { status: number; headers: Record<string, string>; body: string }> = {};
  for (const page of pages) {
    // node:http, not fetch: the floor must send the compressed bytes the app sent, as they were.
    const { status, headers, body } = await rawGet(
      `http://127.0.0.1:${PORTS.app}${page.path}`,
      headersFor(page, 0),
    );
    captured[`${page.signedIn ? "/in" : "/out"}${page.path}`] = {
      status,
      headers,
      body: body.toString("base64"),
    };
    console.log(
      `${page.label}: ${status}, ${body.length} bytes${headers["content-encoding"] ? ` (${headers["content-encoding"]})` : ""}`,
    );
  }
  const file = path.join(tmpdir(), `puente-bench-pages-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(captured));
  const bytes = startServer(
    ["--import", "tsx", path.join("bench", "bytes-server.ts"), file, String(PORTS.bytes)],
    database.url,
  );
  await waitFor(PORTS.bytes, "/out/");

  const pid = { app: app.pid!, bytes: bytes.pid!, driver: driver.pid! };
  const rows: string[] = [];
  const appCpu: [string, number][] = [];
  const show = (r?: Result) =>
    r ? `${r.rps.toFixed(0)} | ${r.p50} ms | ${r.p99} ms | ${r.cpuMs.toFixed(2)} ms` : "– | – | – | –";
  const share = (a?: Result, b?: Result) => (a && b ? `${((a.rps / b.rps) * 100).toFixed(0)}%` : "–");
  const chosen = pages.filter((page) => !ONLY || ONLY.some((prefix) => page.label.startsWith(prefix)));
  for (const page of chosen) {
    const requestOf: Record<
      Target,
      ((n: number) => { path: string; headers: Record<string, string> }) | null
    > = {
      app: (n) => ({ path: page.path, headers: headersFor(page, n) }),
      bytes: () => ({ path: `${page.signedIn ? "/in" : "/out"}${page.path}`, headers: phone }),
      driver: page.driver ? (n) => ({ path: page.driver!, headers: headersFor(page, n) }) : null,
    };
    const results: Partial<Record<Target, Result>> = {};
    for (const target of ["app", "bytes", "driver"] as const) {
      const request = requestOf[target];
      if (!request) continue;
      await drive(PORTS[target], pid[target], "GET", request, 2); // warm up: JIT, pools, plans, the cache
      const r = await drive(PORTS[target], pid[target], "GET", request, SECONDS);
      results[target] = r;
      console.log(
        `${page.label} — ${target}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.cpuMs.toFixed(2)} ms CPU/request; ${r.statuses}` +
          (r.non2xx ? `  (${r.non2xx} not 2xx!)` : ""),
      );
    }
    if (results.app) appCpu.push([page.label, results.app.cpuMs]);
    rows.push(
      `| ${page.label} | ${show(results.app)} | ${show(results.bytes)} | ${show(results.driver)} | ${share(results.app, results.bytes)} | ${share(results.app, results.driver)} | ${loadavg()[0]!.toFixed(1)} |`,
    );
  }
  console.log(`\n${CONNECTIONS} connections, ${SECONDS} s per run, after a 2 s warm-up:\n`);
  console.log(
    "| page | app req/s | p50 | p99 | CPU/req | bytes req/s | p50 | p99 | CPU/req | driver req/s | p50 | p99 | CPU/req | app / bytes | app / driver | load avg |",
  );
  console.log(`|${" --- |".repeat(16)}`);
  for (const row of rows) console.log(row);
  // Capacity: N page views a minute take N / 60 × (CPU per page) of CPU seconds every second.
  console.log("\nCapacity, from the app's CPU per page (one core = 1,000 ms of CPU a second):");
  for (const [label, cpuMs] of appCpu) {
    const perCore = 1000 / cpuMs;
    console.log(
      `  ${label}: ${perCore.toFixed(0)} pages a second per core; 100,000 views a minute need ${((100_000 / 60) * (cpuMs / 1000)).toFixed(1)} cores`,
    );
  }
} finally {
  await stopAll();
  await handle.close();
  await database.drop();
}
