// An app server under test: the production build of this checkout on its production server (`npm run serve`), the real route
// handlers, Auth.js sessions, rate limits and job worker, on a port of 127.0.0.1. It runs as its
// own process, so it can be killed for real (SIGKILL) in the middle of a request. The build comes
// from `.next`, made by faults/global-setup.ts when missing or older than the sources.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
/** `npm run serve` without npm: one process, so that a signal reaches the server itself. */
const SERVE = ["--import", "tsx", path.join(root, "server", "front", "serve.ts")];
const probeScript = path.join(root, "faults", "memory-probe.mjs");

export interface MemorySample {
  pid: number;
  t: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  gc?: boolean;
  uncaught?: string;
}

export interface AppServerOptions {
  port: number;
  databaseUrl: string;
  env?: Record<string, string>;
}

export class AppServer {
  private output = "";
  private exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;

  private constructor(
    readonly port: number,
    private readonly child: ChildProcess,
    private readonly probeDir: string,
  ) {}

  get pid(): number {
    return this.child.pid!;
  }
  get origin() {
    return `http://127.0.0.1:${this.port}`;
  }
  get probeFile() {
    return path.join(this.probeDir, "memory.jsonl");
  }
  /** Everything the server printed (stdout and stderr). */
  get log() {
    return this.output;
  }
  get exitStatus() {
    return this.exited;
  }
  get alive() {
    return this.exited === null;
  }

  static async start(options: AppServerOptions): Promise<AppServer> {
    if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
      throw new Error("fault suite: no production build in .next (faults/global-setup.ts makes one)");
    }
    const probeDir = mkdtempSync(path.join(tmpdir(), "puente-faults-probe-"));
    const child = spawn(process.execPath, [...SERVE, "-p", String(options.port), "-H", "127.0.0.1"], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/tmp",
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: options.databaseUrl,
        // The address the tests call it at: Puente's one origin, for links and same-origin checks.
        PUENTE_URL: `http://127.0.0.1:${options.port}`,
        PUENTE_FAULTS_PROBE: path.join(probeDir, "memory.jsonl"),
        // The suite plays the reverse proxy in front: each request says, in X-Forwarded-For, whom it is from.
        PUENTE_TRUSTED_PROXIES: "loopback",
        NODE_OPTIONS: `--expose-gc --import ${probeScript}`,
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const server = new AppServer(options.port, child, probeDir);
    child.stdout!.on("data", (chunk: Buffer) => (server.output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (server.output += chunk.toString()));
    child.on("exit", (code, signal) => (server.exited = { code, signal }));
    await server.waitUntilReady();
    return server;
  }

  /** Ready = answers a public tRPC query that reads the database. */
  async waitUntilReady(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.alive)
        throw new Error(`fault suite: app server exited at start:\n${this.output.slice(-3000)}`);
      const ok = await fetch(
        `${this.origin}/api/trpc/groups.directory?input=${encodeURIComponent('{"json":{}}')}`,
      )
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`fault suite: app server not ready after ${timeoutMs} ms:\n${this.output.slice(-3000)}`);
  }

  /** SIGKILL: no cleanup, no graceful shutdown, open transactions left to PostgreSQL to roll back. */
  async kill(signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    if (!this.alive) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.kill(signal);
    await exited;
    rmSync(this.probeDir, { recursive: true, force: true });
  }

  async stop(): Promise<void> {
    if (this.alive) {
      const exited = new Promise((resolve) => this.child.once("exit", resolve));
      this.child.kill("SIGTERM");
      const timer = setTimeout(() => this.child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.probeDir, { recursive: true, force: true });
  }

  /** The memory samples written by faults/memory-probe.mjs so far, from this server's process. */
  memorySamples(): MemorySample[] {
    if (!existsSync(this.probeFile)) return [];
    return readFileSync(this.probeFile, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as MemorySample)
      .filter((s) => s.pid === this.pid);
  }

  /** Forces a full garbage collection in the server and returns the memory right after it. */
  async memoryAfterGc(): Promise<MemorySample> {
    const before = this.memorySamples().filter((s) => s.gc).length;
    this.child.kill("SIGUSR2");
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const gcs = this.memorySamples().filter((s) => s.gc);
      if (gcs.length > before) return gcs.at(-1)!;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error("fault suite: the app server did not report its memory after a GC");
  }

  /** Lines of the server's output that report an unhandled rejection or an uncaught exception. */
  unhandledErrors(): string[] {
    const fromLog = this.output
      .split("\n")
      .filter((line) => /unhandledRejection|uncaughtException/i.test(line));
    const fromProbe = this.memorySamples()
      .filter((s) => s.uncaught)
      .map((s) => s.uncaught!);
    return [...fromLog, ...fromProbe];
  }
}
