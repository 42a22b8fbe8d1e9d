// Where a server's time went, from a `node --cpu-prof` profile (see BENCH_PROFILE in
// bench/http.ts): self time by package or part of Node, and the costliest functions.
// Usage: tsx bench/profile-summary.ts FILE.cpuprofile [top=25]
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file!, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));

/** The package a script belongs to (its folder under node_modules), or what else it is. */
function owner(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node:" + url.slice(5).split("/").slice(0, 2).join("/");
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url);
  if (inModules) {
    const [, pkg, rest] = inModules;
    if (pkg === "next") return `next (${rest!.split("/").slice(0, 3).join("/")})`;
    return pkg!;
  }
  if (url.includes("/.next/")) return `bundle ${url.split("/").at(-1)} (${bundled(url)})`;
  return url.replace(/^file:\/\//, "");
}

/** Turbopack's production chunks carry no module paths: name them by what they contain. */
const MARKERS: [string, string][] = [
  ["getSessionAndUser", "Auth.js"],
  ["TRPCError", "tRPC"],
  ["superjson", "superjson"],
  ["ZodError", "zod"],
  ["content-security-policy", "proxy.ts"],
  ["AsyncLocalStorage", "Next runtime"],
  ["drizzle", "drizzle"],
  ["postgres", "postgres"],
];
const chunkNames = new Map<string, string>();
function bundled(url: string): string {
  if (!chunkNames.has(url)) {
    const file = url.startsWith("file:") ? fileURLToPath(url) : url;
    const text = existsSync(file) ? readFileSync(file, "utf8") : "";
    const found = MARKERS.filter(([marker]) => text.includes(marker)).map(([, label]) => label);
    chunkNames.set(url, found.join(", ") || "app code");
  }
  return chunkNames.get(url)!;
}

const selfTime = new Map<number, number>();
profile.samples.forEach((id, i) => selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfTime.values()].reduce((a, b) => a + b, 0);

const byOwner = new Map<string, number>();
const byFunction = new Map<string, number>();
for (const [id, micros] of selfTime) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const who = owner(url, functionName);
  byOwner.set(who, (byOwner.get(who) ?? 0) + micros);
  const fn = `${functionName || "(anonymous)"} — ${who}:${lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + micros);
}

// Time with each package anywhere on the stack (a package calling itself counts once per sample).
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const inclusive = new Map<string, number>();
let busy = 0;
profile.samples.forEach((id, i) => {
  const micros = profile.timeDeltas[i] ?? 0;
  const leaf = byId.get(id)!.callFrame.functionName;
  if (leaf === "(idle)") return;
  busy += micros;
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const { url, functionName } = byId.get(at)!.callFrame;
    if (url) seen.add(owner(url, functionName));
  }
  for (const who of seen) inclusive.set(who, (inclusive.get(who) ?? 0) + micros);
});

const print = (title: string, table: Map<string, number>) => {
  console.log(`\n${title}`);
  console.log("| self time | share | where |\n| --- | --- | --- |");
  for (const [key, micros] of [...table].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`| ${(micros / 1000).toFixed(0)} ms | ${((100 * micros) / total).toFixed(1)}% | ${key} |`);
  }
};
console.log(`${(total / 1e6).toFixed(1)} s sampled in ${file}`);
print("Self time by package:", byOwner);
console.log(
  `\nBusy (not idle): ${(busy / 1e6).toFixed(1)} s. Time with the package on the stack, share of busy time:`,
);
console.log("| total time | share of busy | where |\n| --- | --- | --- |");
for (const [key, micros] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`| ${(micros / 1000).toFixed(0)} ms | ${((100 * micros) / busy).toFixed(1)}% | ${key} |`);
}
print("Self time by function:", byFunction);
