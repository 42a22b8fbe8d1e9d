// What the HTTP benchmarks share (bench/http.ts, bench/pages.ts): a fresh PostgreSQL database at the
// benchmark's volume, servers started as children, their CPU read from /proc, and autocannon's run
// of one kind of request with 50 connections.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import postgres from "postgres";
import { env } from "@/db/client";

export const CONNECTIONS = 50;
/** Seconds measured per run, after a 2 s warm-up. */
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

export function needsBuild() {
  if (!existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) {
    console.error("No production build: run `npm run build` first.");
    process.exit(1);
  }
}

/** A new, empty database beside DATABASE_URL's (dropped by `drop`). */
export async function benchDatabase(prefix: string) {
  const baseUrl = env("DATABASE_URL") ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Child processes of the bench, ended together by `stopAll`. */
const children: ChildProcess[] = [];

/** Starts `node args…` with the app's environment for a benchmark on `databaseUrl`. */
export function startServer(args: string[], databaseUrl: string, extraEnv: Record<string, string> = {}) {
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PUENTE_WORKER: "0",
      NEXT_TELEMETRY_DISABLED: "1",
      // The load generator plays the reverse proxy: each request names its client in X-Forwarded-For.
      PUENTE_TRUSTED_PROXIES: "loopback",
      ...extraEnv,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(child);
  return child;
}

export async function stopAll() {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await Promise.all(
    children.map((child) => (child.exitCode === null ? new Promise((r) => child.once("exit", r)) : null)),
  );
}

/**
 * CPU seconds a server process and its descendants have used (Linux /proc): CPU per request is
 * steadier than req/s on a machine shared with other work, which takes cores away from both paths.
 */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    const own = (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ (100)
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean);
    return own + children.reduce((sum, child) => sum + cpuSeconds(Number(child)), 0);
  } catch {
    return 0;
  }
}

export async function waitFor(port: number, pathname: string) {
  for (let i = 0; i < 200; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}${pathname}`).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`nothing answered on port ${port}`);
}

export interface Result {
  rps: number;
  /** Server CPU milliseconds per answered request. */
  cpuMs: number;
  p50: number;
  p99: number;
  non2xx: number;
  statuses: string;
}

export interface BenchRequest {
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** `seconds` of `request(n)` (the n-th request) against the server on `port` whose process is `pid`. */
export async function drive(
  port: number,
  pid: number,
  method: "GET" | "POST",
  request: (n: number) => BenchRequest,
  seconds: number,
): Promise<Result> {
  let n = 0;
  const cpuBefore = cpuSeconds(pid);
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method,
        setupRequest: (req) => {
          const { path: p, headers, body } = request(n++);
          return { ...req, path: p, headers: { ...req.headers, ...headers }, body };
        },
      },
    ],
  });
  const statusCodes = (result as unknown as { statusCodeStats?: Record<string, { count: number }> })
    .statusCodeStats;
  const statuses = Object.entries(statusCodes ?? {})
    .map(([code, { count }]) => `${code}×${count}`)
    .join(" ");
  return {
    rps: result.requests.average,
    cpuMs: ((cpuSeconds(pid) - cpuBefore) * 1000) / Math.max(1, result.requests.total),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors + result.timeouts,
    statuses,
  };
}
