// db/client.ts's pool in a plain Node process (no Next.js, whose handlers would hide an uncaught
// exception) survives PostgreSQL restarting under its transactions, and every query settles.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { setUpOrFail, sleep } from "./fixtures";
import { PostgresCluster } from "./postgres-cluster";

let cluster: PostgresCluster | undefined;
const ready = setUpOrFail(async () => {
  cluster = await PostgresCluster.create();
});
afterAll(() => cluster?.destroy());

describe("the PostgreSQL pool in a plain Node process", () => {
  it("survives a restart under concurrent transactions, reconnects, and leaves no query hanging", async () => {
    ready();
    const root = path.resolve(import.meta.dirname, "..");
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(root, "faults", "pool-survivor.ts"), cluster!.url(), "12"],
      { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    while (!output.includes("ready")) await sleep(50);

    await sleep(3_000);
    await cluster!.stop("fast");
    await sleep(2_000);
    await cluster!.start();
    const backAt = Date.now();

    const code = await exited;
    // Exit 1 with "TypeError: Cannot read properties of null (reading 'write')" was postgres.js's
    // defect that patches/postgres+3.4.9.patch fixes.
    expect(code, output.slice(-2000)).toBe(0);
    const result = JSON.parse(output.trim().split("\n").at(-1) ?? "{}") as {
      ok: number;
      failed: number;
      pending: number;
      settled: boolean;
      lastFailureAt: number;
    };
    console.log(
      "pool through a restart:",
      JSON.stringify({ ...result, lastFailureAfterBackMs: result.lastFailureAt - backAt }),
    );
    expect(result.settled).toBe(true);
    expect(result.pending).toBe(0);
    expect(result.failed).toBeGreaterThan(0); // the restart did hit the transactions
    expect(result.lastFailureAt - backAt).toBeLessThan(15_000);
  });
});
