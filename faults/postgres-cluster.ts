// A throw-away PostgreSQL cluster for the fault suite: initdb into a temporary folder, `postgres`
// on its own port on 127.0.0.1, stopped and started at will, deleted afterwards. The shared
// server on 5432 is never touched: other suites and other people use it while this one restarts
// its own. PostgreSQL refuses to run as root, so as root every command runs as the `postgres` user.
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

export const DEFAULT_PORT = Number(process.env.PUENTE_FAULTS_PG_PORT ?? 5491);

/** The newest installed PostgreSQL's programs (Debian: /usr/lib/postgresql/N/bin), or PG_BIN. */
function binDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, "bin", "postgres")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      "fault suite: no PostgreSQL server programs found in /usr/lib/postgresql/*/bin (set PG_BIN); " +
        "the suite needs its own cluster to restart and cannot run without one",
    );
  }
  return path.join(root, versions[0]!, "bin");
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

async function freePort(preferred: number): Promise<number> {
  if (await portIsFree(preferred)) return preferred;
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

const asRoot = process.getuid?.() === 0;

export class PostgresCluster {
  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly bin: string,
  ) {}

  get dataDir() {
    return path.join(this.dir, "data");
  }
  get logFile() {
    return path.join(this.dir, "postgres.log");
  }
  /** Superuser URL of database `name` (trust authentication, TCP on 127.0.0.1 only). */
  url(name = "postgres") {
    return `postgres://postgres@127.0.0.1:${this.port}/${name}`;
  }

  /** Runs one of PostgreSQL's programs, as the `postgres` user when we are root. Never blocks the event loop. */
  private async run(program: string, args: string[], timeoutMs = 60_000): Promise<string> {
    const file = path.join(this.bin, program);
    const [cmd, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", file, ...args]] : [file, args];
    try {
      return (await execFileAsync(cmd, argv, { encoding: "utf8", timeout: timeoutMs })).stdout;
    } catch (error) {
      const e = error as { stderr?: string; stdout?: string; message: string };
      throw new Error(
        `fault suite: \`${program} ${args.join(" ")}\` failed: ${e.stderr || e.stdout || e.message}` +
          `\n--- ${this.logFile}:\n${this.log().slice(-2000)}`,
      );
    }
  }

  log(): string {
    return existsSync(this.logFile) ? readFileSync(this.logFile, "utf8") : "";
  }

  /** initdb + start. Throws (never skips) when the cluster cannot be made. */
  static async create(preferredPort = DEFAULT_PORT): Promise<PostgresCluster> {
    const bin = binDir();
    const port = await freePort(preferredPort);
    const dir = mkdtempSync(path.join(tmpdir(), "puente-faults-pg-"));
    chmodSync(dir, 0o755);
    if (asRoot) {
      const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
      const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
      chownSync(dir, uid, gid);
    }
    const cluster = new PostgresCluster(dir, port, bin);
    // Also when the test process ends without its afterAll (a crash, an interrupted run).
    process.once("exit", () => cluster.destroy());
    try {
      await cluster.run("initdb", [
        "-D",
        cluster.dataDir,
        "-U",
        "postgres",
        "--auth=trust",
        "--encoding=UTF8",
        "--locale=C",
        "--no-sync",
      ]);
      await cluster.start();
    } catch (error) {
      cluster.destroy();
      throw error;
    }
    return cluster;
  }

  /** Starts the server and waits until it accepts connections. */
  async start(): Promise<void> {
    await this.run("pg_ctl", [
      "-D",
      this.dataDir,
      "-l",
      this.logFile,
      "-w",
      "-t",
      "30",
      "-o",
      // Only 127.0.0.1; the socket in our own folder; enough connections for two app servers.
      `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dir} -c max_connections=100 -c fsync=off`,
      "start",
    ]);
  }

  /** Stops the server: "fast" rolls back open transactions and closes connections; "immediate" is a crash. */
  async stop(mode: "fast" | "immediate" = "fast"): Promise<void> {
    await this.run("pg_ctl", ["-D", this.dataDir, "-m", mode, "-w", "-t", "30", "stop"]);
  }

  /** Best-effort and synchronous, so it also works from an exit handler: stop and delete everything. */
  destroy(): void {
    if (existsSync(path.join(this.dataDir, "postmaster.pid"))) {
      const file = path.join(this.bin, "pg_ctl");
      const args = ["-D", this.dataDir, "-m", "immediate", "-w", "-t", "20", "stop"];
      spawnSync(asRoot ? "runuser" : file, asRoot ? ["-u", "postgres", "--", file, ...args] : args, {
        stdio: "ignore",
        timeout: 30_000,
      });
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Creates a database on this cluster and returns its URL. */
  async createDatabase(name: string): Promise<string> {
    await this.run("createdb", ["-h", "127.0.0.1", "-p", String(this.port), "-U", "postgres", name]);
    return this.url(name);
  }
}
