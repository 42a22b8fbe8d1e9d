// The production start says loudly when PUENTE_URL is missing: every emailed link would point to a
// guessed http://localhost address. Started as `npm run serve` starts it, in a folder with no build,
// so it gets as far as the warning and then stops on the missing build.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
/** tsx's loader, found from the project (the child runs in a folder of its own). */
const tsx = createRequire(path.join(root, "package.json")).resolve("tsx/esm");

/** Everything `npm run serve` prints until it stops (here: on the missing build), and its exit code. */
function serve(env: Record<string, string | undefined>): Promise<{ output: string; code: number | null }> {
  const child = spawn(process.execPath, ["--import", tsx, path.join(root, "server/front/serve.ts")], {
    cwd: mkdtempSync(path.join(tmpdir(), "puente-serve-")),
    env: {
      NODE_ENV: "production",
      PATH: process.env.PATH,
      TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json"),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  return new Promise((resolve) =>
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ output, code });
    }),
  );
}

describe("npm run serve", () => {
  it("warns loudly without PUENTE_URL, naming the guessed address its links would use", async () => {
    const { output } = await serve({ PUENTE_URL: undefined, PORT: "4123" });
    expect(output).toContain(
      "!!! PUENTE_URL is not set: every link Puente emails points to http://localhost:4123",
    );
    expect(output).toContain("!!! PUENTE_URL to the public address people use");
  }, 90_000);

  it("says nothing of the kind when PUENTE_URL names the public address", async () => {
    const { output, code } = await serve({ PUENTE_URL: "https://puente.example.org" });
    // It did start, and stopped only on the missing build.
    expect(code).not.toBe(0);
    expect(output).toMatch(/production build|\.next/);
    expect(output).not.toContain("PUENTE_URL is not set");
  }, 90_000);
});
