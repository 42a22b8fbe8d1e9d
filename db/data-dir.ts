// The embedded database's data folder: one process at a time (a lock file inside it naming the
// holder), and never initialised over files that are not already a working database.
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  statSync,
} from "node:fs";
import { accessSync, constants, rmSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";

/** Kept inside the data folder so that it moves with it (a mounted volume, a renamed folder). */
export const LOCK_FILE = "puente.lock";
// Held for the few instructions of taking over a dead process's lock, so two processes starting
// at once on a stale lock cannot both take it.
const TAKEOVER = "puente.lock.takeover";
const OURS = new Set([LOCK_FILE, TAKEOVER]);

/** A data folder that this process must not open. The message names the folder and the cause. */
export class DataDirError extends Error {
  constructor(
    readonly dir: string,
    readonly reason: "busy" | "unusable",
    message: string,
  ) {
    super(message);
    this.name = "DataDirError";
  }
}

const restoreHint = (dir: string) =>
  `Nothing in it was changed. Restore a backup into an empty folder with \`PUENTE_DATA_DIR=<empty folder> npm run restore -- FILE\`, ` +
  `or move ${dir} away to start afresh.`;

export const unusable = (dir: string, cause: string) =>
  new DataDirError(
    dir,
    "unusable",
    `The embedded database in ${dir} cannot be used: ${cause}. ${restoreHint(dir)}`,
  );

interface Holder {
  pid: number;
  host: string;
  /** When the process started (Linux: clock ticks since boot), so a reused pid is not taken for it. */
  started: string | null;
}

function startTime(pid: number): string | null {
  try {
    // Field 22 of /proc/PID/stat; the command name (field 2) may hold spaces, so count from its ")".
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(holder: Holder): boolean {
  // Another machine's process cannot be checked from here (a shared network folder): assume alive.
  if (holder.host !== hostname()) return true;
  // No other live process has our pid (a container restarted as pid 1 finds its old lock).
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
  }
  const started = startTime(holder.pid);
  return !(holder.started && started && holder.started !== started);
}

function readHolder(file: string): Holder | null {
  try {
    const holder = JSON.parse(readFileSync(file, "utf8")) as Partial<Holder>;
    if (typeof holder.pid !== "number") return null;
    return { pid: holder.pid, host: String(holder.host ?? ""), started: holder.started ?? null };
  } catch {
    return null;
  }
}

export interface DataDirLock {
  release(): void;
}

const held = new Set<string>();

/**
 * Takes the folder for this process, creating it if missing. Refuses (DataDirError "busy") while a
 * live process holds it; a lock left by a dead one (killed, crashed) is taken over.
 */
export function lockDataDir(dir: string): DataDirLock {
  const file = path.join(dir, LOCK_FILE);
  if (held.has(file)) {
    throw new DataDirError(
      dir,
      "busy",
      `The embedded database in ${dir} is already open in this process (${process.pid}).`,
    );
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw unusable(dir, `the folder cannot be created (${(error as Error).message})`);
  }
  const me: Holder = { pid: process.pid, host: hostname(), started: startTime(process.pid) };
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o644);
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
        throw unusable(dir, `this process (user ${process.getuid?.() ?? "?"}) cannot write to it (${code})`);
      }
      if (code !== "EEXIST" || attempt >= 3) throw error;
    }
    const holder = readHolder(file);
    // An empty or unreadable lock is one being written right now, or torn by a crash: only a
    // crash leaves it so for long.
    if (holder ? isAlive(holder) : Date.now() - statSync(file).mtimeMs < 5_000) {
      const who = holder
        ? `process ${holder.pid}${holder.host !== me.host ? ` on ${holder.host}` : ""}`
        : "another process";
      throw new DataDirError(
        dir,
        "busy",
        `The embedded database in ${dir} is in use by ${who} (lock file ${file}). ` +
          `Stop that process first: PGlite allows one process per data folder, and two would corrupt it.`,
      );
    }
    takeOver(dir, file, holder);
  }
  held.add(file);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    held.delete(file);
    // Ours even if a restored backup wrote its own copy over it: the folder is ours until here.
    rmSync(file, { force: true });
  };
  // A normal exit (process.exit included) releases it; a killed process leaves it for the next start.
  process.once("exit", release);
  return {
    release() {
      process.off("exit", release);
      release();
    },
  };
}

function takeOver(dir: string, file: string, stale: Holder | null) {
  const guard = path.join(dir, TAKEOVER);
  try {
    mkdirSync(guard);
  } catch {
    // Another process is taking it over now; a guard older than a few seconds was left by a crash.
    if (Date.now() - statSync(guard).mtimeMs > 5_000) rmdirSync(guard);
    return;
  }
  try {
    const now = readHolder(file);
    if (now?.pid === stale?.pid && now?.started === stale?.started) unlinkSync(file);
  } finally {
    rmdirSync(guard);
  }
}

/**
 * Whether the folder is new (nothing in it but our lock) or holds a database PGlite can resume.
 * Anything else, a folder with files but no database, is refused before PGlite touches it: PGlite
 * runs initdb over a folder without PG_VERSION, replacing whatever was there.
 */
export function inspectDataDir(dir: string): "new" | "existing" {
  const entries = readdirSync(dir).filter((name) => !OURS.has(name));
  if (entries.length === 0) return "new";
  if (!existsSync(path.join(dir, "PG_VERSION"))) {
    throw unusable(
      dir,
      `it holds files (${entries.slice(0, 5).join(", ")}${entries.length > 5 ? ", …" : ""}) but no PG_VERSION: it is not a whole database`,
    );
  }
  const control = path.join(dir, "global", "pg_control");
  if (!existsSync(control) || statSync(control).size !== 8192) {
    throw unusable(dir, "global/pg_control is missing or truncated");
  }
  const unwritable = firstUnwritable(dir);
  if (unwritable) throw unusable(dir, `${unwritable} is not writable by this process`);
  return "existing";
}

function firstUnwritable(dir: string): string | null {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(entry.parentPath, entry.name);
    try {
      accessSync(full, constants.W_OK);
    } catch {
      return path.relative(dir, full) || dir;
    }
  }
  return null;
}
