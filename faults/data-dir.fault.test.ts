// The embedded database's folder, attacked as an operator's mistakes and a full disk would: two
// production servers on one folder, a folder that is not a database, a server killed with its lock
// held, a disk that fills up. PGlite only (no DATABASE_URL); app servers on ports 3220–3224; the read-only and disk-full cases mount a small tmpfs (root, as in CI), and are skipped where that fails.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openPglite } from "@/db/client";
import { AppServer } from "./app-server";

const root = path.resolve(import.meta.dirname, "..");
const work = mkdtempSync(path.join(tmpdir(), "puente-faults-dbdir-"));
const started: AppServer[] = [];
const mounts: string[] = [];

afterAll(async () => {
  for (const server of started) await server.stop();
  for (const mount of mounts) execFileSync("umount", [mount]);
  rmSync(work, { recursive: true, force: true });
});

async function serve(dataDir: string, port: number): Promise<AppServer> {
  const server = await AppServer.start({
    port,
    databaseUrl: "",
    env: { PUENTE_DATA_DIR: dataDir, PUENTE_URL: `http://127.0.0.1:${port}` },
  });
  started.push(server);
  return server;
}

/** A server expected not to start: how it exited and what it said, within 60 s. */
function refusedStart(dataDir: string, port: number): Promise<{ code: number | null; log: string }> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      path.join(root, "server", "front", "serve.ts"),
      "-p",
      String(port),
      "-H",
      "127.0.0.1",
    ],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/tmp",
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        PUENTE_DATA_DIR: dataDir,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let log = "";
  child.stdout.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (log += chunk.toString()));
  // A server that does start is asked for a page, so a lazy start-up shows itself too.
  const probe = setInterval(() => void fetch(`http://127.0.0.1:${port}/`).catch(() => {}), 1_000);
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      clearInterval(probe);
      resolve({ code, log });
    });
  });
}

/** Every file under `dir` with its SHA-256: what "left as it was" is checked against. */
function fingerprint(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, full)] = createHash("sha256").update(readFileSync(full)).digest("hex");
  }
  return files;
}

/** A Puente database with one row of its own, made and closed by this process. */
async function puenteFolder(name: string): Promise<string> {
  const dir = path.join(work, name);
  const handle = await openPglite(dir);
  const { migrateDatabase } = await import("@/db/client");
  await migrateDatabase(handle);
  await handle.pglite!.exec(
    "insert into stories (pseudonym, country, consented_at, consent_version, consent_locale, withdraw_token_hash) values ('Keep me', 'HN', now(), 'v1', 'es', 'keep')",
  );
  await handle.close();
  return dir;
}

function mountSmall(dir: string, size: string): boolean {
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir]);
    mounts.push(dir);
    return true;
  } catch {
    return false;
  }
}

describe("two servers on one embedded database folder", () => {
  it("refuses the second, naming the folder and the first's pid, and the first keeps answering", async () => {
    const dir = path.join(work, "shared");
    const first = await serve(dir, 3220);
    const second = await refusedStart(dir, 3221);
    expect(second.code).not.toBe(0);
    expect(second.code).not.toBeNull();
    expect(second.log).toContain(dir);
    expect(second.log).toContain(String(first.pid));
    await first.waitUntilReady(5_000);
  });

  it("starts over a lock left by a server killed with SIGKILL", async () => {
    const dir = path.join(work, "killed");
    const crashed = await serve(dir, 3222);
    await crashed.kill("SIGKILL");
    expect(readdirSync(dir)).toContain("puente.lock");
    const next = await serve(dir, 3222);
    await next.waitUntilReady(5_000);
    await next.stop();
  });
});

describe("a folder that is not a working Puente database", () => {
  const damages: Record<string, (dir: string) => void> = {
    "missing PG_VERSION": (dir) => unlinkSync(path.join(dir, "PG_VERSION")),
    "a corrupt pg_control": (dir) => {
      const file = path.join(dir, "global", "pg_control");
      const bytes = readFileSync(file);
      bytes.fill(0x5a, 16, 64);
      writeFileSync(file, bytes);
    },
    "a stray file and nothing else": (dir) => {
      for (const name of readdirSync(dir)) rmSync(path.join(dir, name), { recursive: true });
      writeFileSync(path.join(dir, "notes.txt"), "not a database");
    },
  };
  for (const [damage, apply] of Object.entries(damages)) {
    it(`is refused with ${damage}: named, pointing at npm run restore, every file left as it was`, async () => {
      const dir = await puenteFolder(damage.replaceAll(" ", "-"));
      apply(dir);
      const before = fingerprint(dir);
      const refused = await refusedStart(dir, 3223);
      expect(refused.code).not.toBe(0);
      expect(refused.code).not.toBeNull();
      expect(refused.log).toContain(dir);
      expect(refused.log).toContain("npm run restore");
      expect(fingerprint(dir)).toEqual(before);
    });
  }

  it("is refused when it cannot be written (a read-only mount), and left as it was", async (context) => {
    const mount = path.join(work, "readonly");
    if (!mountSmall(mount, "96m")) return context.skip("mounting a tmpfs needs root");
    const made = await puenteFolder("readonly-source");
    execFileSync("cp", ["-a", `${made}/.`, mount]);
    execFileSync("mount", ["-o", "remount,ro", mount]);
    const before = fingerprint(mount);
    const refused = await refusedStart(mount, 3223);
    expect(refused.code).not.toBe(0);
    expect(refused.code).not.toBeNull();
    expect(refused.log).toContain(mount);
    expect(refused.log).toContain("npm run restore");
    expect(fingerprint(mount)).toEqual(before);
  });

  it("is refused when it is a PostgreSQL database without Puente's tables, and gets none", async () => {
    const dir = path.join(work, "foreign");
    const foreign = await openPglite(dir);
    await foreign.pglite!.exec("create table notes (body text)");
    await foreign.close();
    const refused = await refusedStart(dir, 3223);
    expect(refused.code).not.toBe(0);
    expect(refused.log).toContain(dir);
    const reopened = await openPglite(dir);
    const { rows } = await reopened.pglite!.query("select to_regclass('public.stories')::text as found");
    await reopened.close();
    expect(rows).toEqual([{ found: null }]);
  });
});

describe("a disk that fills up under the embedded database", () => {
  /** A story told by an anonymous reader: a public write, as a page's own script sends it. */
  function tellStory(server: AppServer, language: string, n: number) {
    return fetch(`${server.origin}/api/trpc/stories.submit`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "accept-language": language,
        origin: server.origin,
        "sec-fetch-site": "same-origin",
      },
      body: JSON.stringify({
        json: { pseudonym: `Teller ${n}`, country: "HN", textEs: "x".repeat(4000), consent: true },
      }),
      signal: AbortSignal.timeout(15_000),
    });
  }

  it("answers a typed error in the reader's language, keeps answering reads, and SIGTERM ends it within 10 s", async (context) => {
    const mount = path.join(work, "small");
    if (!mountSmall(mount, "80m")) return context.skip("mounting a tmpfs needs root");
    const server = await serve(path.join(mount, "db"), 3224);
    // Everything but a sliver: the next writes find no room.
    try {
      execFileSync("dd", ["if=/dev/zero", `of=${path.join(mount, "filler")}`, "bs=64k"], { stdio: "ignore" });
    } catch {
      // dd stops with "No space left on device": that is the point.
    }
    const messages = { en: "run out of storage space", es: "sin espacio de almacenamiento" };
    for (const [language, wording] of Object.entries(messages)) {
      for (let n = 0; n < 3; n++) {
        const answer = await tellStory(server, language, n);
        const body = (await answer.json()) as { error?: { json?: { message?: string } } };
        expect(answer.status).toBe(503);
        expect(body.error?.json?.message).toContain(wording);
      }
    }
    await server.waitUntilReady(5_000);

    const asked = Date.now();
    await server.stop();
    expect(Date.now() - asked).toBeLessThan(10_000);
    expect(server.exitStatus?.signal).not.toBe("SIGKILL");
  });
});
