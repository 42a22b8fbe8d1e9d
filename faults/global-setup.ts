// The fault suite drives the production build (on `npm run serve`'s server). CI's `npm test` has just built it
// for Playwright (.ci/run runs this suite afterwards), so normally there is nothing to do here.
// When `.next` is missing, or older than any source file, this builds it first (a few minutes on
// two cores) rather than test stale code.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const sources = [
  "app",
  "server",
  "db",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.js",
  "package-lock.json",
  // The build bundles the driver, which patch-package patches after each install (patches/).
  "node_modules/postgres/src/connection.js",
  "node_modules/postgres/cjs/src/connection.js",
];

function newestSource(entry: string): number {
  const full = path.join(root, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return /\.test\.ts$/.test(entry) ? 0 : stat.mtimeMs;
  return Math.max(0, ...readdirSync(full).map((name) => newestSource(path.join(entry, name))));
}

export default function setup() {
  const buildId = path.join(root, ".next", "BUILD_ID");
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const changedAt = Math.max(...sources.map(newestSource));
  if (builtAt >= changedAt) return;
  console.log(
    builtAt === 0
      ? "fault suite: no production build in .next: running `next build` first"
      : "fault suite: sources changed since the last build: running `next build` first",
  );
  execFileSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
}
