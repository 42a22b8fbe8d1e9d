// One process per embedded data folder, and never a folder that is not a database: tried with
// real processes (a holder spawned here, the backup CLI) on real folders.
import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { migrateDatabase, openDatabaseFromEnv, openPglite } from "./client";
import { LOCK_FILE } from "./data-dir";

const run = promisify(execFile);
const mounts: string[] = [];
const root = path.resolve(import.meta.dirname, "..");
const work = mkdtempSync(path.join(tmpdir(), "puente-dbdir-"));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  for (const mount of mounts) execFileSync("umount", ["-l", mount]);
  rmSync(work, { recursive: true, force: true });
});

/** Another process holding `dir` open, as an app server would; resolves once it holds it. */
function holder(dir: string): Promise<ChildProcess> {
  const script = `import { openPglite } from "./db/client.ts"; await openPglite(${JSON.stringify(dir)}); console.log("holding"); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", () => resolve(child));
    child.on("exit", (code) => reject(new Error(`holder exited with ${code}`)));
  });
}

function cli(command: "backup" | "restore", dir: string, file: string) {
  return run(process.execPath, ["--import", "tsx", "db/backup-cli.ts", command, file], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      NODE_ENV: "production",
      PUENTE_DATA_DIR: dir,
    },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      output: error.stdout + error.stderr,
    }),
  );
}

describe("the embedded data folder's lock", () => {
  it("refuses a second opener, naming the folder and the holder's pid; a SIGKILLed holder does not block", async () => {
    const dir = path.join(work, "held");
    const first = await holder(dir);
    await expect(openPglite(dir)).rejects.toThrow(dir);
    await expect(openPglite(dir)).rejects.toThrow(`process ${first.pid}`);
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    expect(readdirSync(dir)).toContain(LOCK_FILE);
    const next = await openPglite(dir);
    await next.close();
    expect(readdirSync(dir)).not.toContain(LOCK_FILE);
  });

  it("refuses a backup and a restore while an app holds the folder, and backs up and restores once it is stopped", async () => {
    const dir = path.join(work, "app");
    const made = await openPglite(dir);
    await migrateDatabase(made);
    await made.close();
    const app = await holder(dir);
    const file = path.join(work, "backup.tgz");
    const refused = await cli("backup", dir, file);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(`process ${app.pid}`);
    expect(existsSync(file)).toBe(false);
    const other = path.join(work, "other.tgz");
    writeFileSync(other, "");
    expect((await cli("restore", dir, other)).output).toContain(`process ${app.pid}`);

    app.kill("SIGTERM");
    await new Promise((resolve) => app.once("exit", resolve));
    expect((await cli("backup", dir, file)).code).toBe(0);
    const target = path.join(work, "restored");
    const restored = await cli("restore", target, file);
    expect(restored.code).toBe(0);
    expect(readdirSync(target)).not.toContain(LOCK_FILE);
    // A restored folder opens as Puente's own database, and is not taken for a new one.
    const { DATABASE_URL } = process.env;
    delete process.env.DATABASE_URL;
    process.env.PUENTE_DATA_DIR = target;
    try {
      const handle = await openDatabaseFromEnv();
      expect(handle.created).toBe(false);
      await handle.close();
    } finally {
      delete process.env.PUENTE_DATA_DIR;
      if (DATABASE_URL) process.env.DATABASE_URL = DATABASE_URL;
    }
    expect((await cli("restore", target, file)).output).toContain("empty folder");
  }, 120_000);
});

describe("a folder that is not a database", () => {
  it("is refused, not initialised, when PG_VERSION is missing", async () => {
    const dir = path.join(work, "damaged");
    const made = await openPglite(dir);
    await made.close();
    unlinkSync(path.join(dir, "PG_VERSION"));
    await expect(openPglite(dir)).rejects.toThrow(/PG_VERSION[\s\S]*npm run restore/);
    expect(existsSync(path.join(dir, "PG_VERSION"))).toBe(false);
  });

  it("is made and marked new when it did not exist or held no files", async () => {
    const handle = await openPglite(path.join(work, "fresh"));
    expect(handle.created).toBe(true);
    await handle.close();
  });
});

/** A process running `body` with the embedded database of `dir` open as `db` (a PGlite). */
function withDatabase(dir: string, body: string, env: Record<string, string> = {}) {
  const script = `import { openDatabaseFromEnv } from "./db/client.ts"; const db = (await openDatabaseFromEnv()).pglite; console.log("open"); ${body}`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      NODE_ENV: "production",
      PUENTE_DATA_DIR: dir,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null; output: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, output })),
  );
  const opened = new Promise<void>((resolve) =>
    child.stdout.on("data", () => output.includes("open\n") && resolve()),
  );
  return { child, exited, opened };
}

describe("an embedded database that cannot go on", () => {
  it("exits at once, saying why, when its WAL cannot be written on a full disk (it spun at 100% CPU before)", async (context) => {
    const mount = path.join(work, "small");
    mkdirSync(mount);
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=64m", "tmpfs", mount]);
      mounts.push(mount);
    } catch {
      return context.skip("mounting a tmpfs needs root");
    }
    // Rows updated in place, so that only the WAL grows; the disk is filled once the database is open.
    const { exited } = withDatabase(
      path.join(mount, "db"),
      `await db.exec("create table w (id int primary key, body text) with (fillfactor = 10); alter table w alter column body set storage plain; insert into w select g, repeat(md5(g::text), 40) from generate_series(1, 10) g");
       try { (await import("node:child_process")).execFileSync("dd", ["if=/dev/zero", "of=${mount}/filler", "bs=1M"], { stdio: "ignore" }); } catch {}
       for (let i = 0; ; i++) {
         await db.query("update w set body = repeat(md5(random()::text), 40) where id = $1", [(i % 10) + 1]).catch(() => {});
         await db.query("select 1").catch(() => {});
       }`,
      // The exit under test is the immediate one, not the watchdog's (dd holds the thread a while).
      { PUENTE_STALL_SECONDS: "0" },
    );
    const timeout = new Promise<"hung">((resolve) => setTimeout(() => resolve("hung"), 90_000));
    const outcome = await Promise.race([exited, timeout]);
    expect(outcome).not.toBe("hung");
    if (outcome === "hung") return;
    expect(outcome.code).toBe(70);
    expect(outcome.output).toContain("cannot go on");
    expect(outcome.output).toContain("pg_wal");
  }, 120_000);

  it("is not ended by its watchdog while it runs a long chain of quick queries (a first start's demo data)", async () => {
    // Awaited PGlite queries resolve as microtasks: a chain of them never lets a timer run.
    const { exited } = withDatabase(
      path.join(work, "busy"),
      `await db.exec("create table t (id int primary key, body text)");
       const until = Date.now() + 3500;
       for (let i = 0; Date.now() < until; i++) await db.query("insert into t values ($1, repeat('x', 200))", [i]);
       console.log("done"); process.exit(0);`,
      { PUENTE_STALL_SECONDS: "1" },
    );
    const { code, output } = await exited;
    expect(output).not.toContain("kept this process from answering");
    expect(output).toContain("done");
    expect(code).toBe(0);
  });

  it("is ended by its watchdog when something holds its thread, even with a SIGTERM handler", async () => {
    const { exited, opened, child } = withDatabase(
      path.join(work, "stalled"),
      `process.on("SIGTERM", () => {}); setTimeout(() => { for (;;) {} }, 100);`,
      { PUENTE_STALL_SECONDS: "3" },
    );
    await opened;
    await new Promise((resolve) => setTimeout(resolve, 500));
    const stalled = Date.now();
    child.kill("SIGTERM");
    const { signal, output } = await exited;
    expect(Date.now() - stalled).toBeLessThan(10_000);
    expect(signal).toBe("SIGKILL");
    expect(output).toContain("kept this process from answering for 3 s");
  });
});
