// The fault suite (`npm run test:faults`): real PostgreSQL restarted under load, app servers killed
// mid-request, 1,000 concurrent requests. Kept out of `vitest run` (see vitest.config.ts's include).
// Each file starts its own throw-away PostgreSQL cluster and production app servers, so files run
// one after another. Ports: PostgreSQL 5491 (another free one if taken), app servers 3203 and 3213.
// Settings: PUENTE_FAULTS_PG_PORT (5491), PG_BIN (PostgreSQL's programs; default the newest
// /usr/lib/postgresql/*/bin), PUENTE_FAULTS_CONNECTIONS (500, the load test's TCP connections),
// PUENTE_FAULTS_VERBOSE=1 (print the restart test's app server output and the load test's answers).
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["faults/**/*.fault.test.ts"],
    environment: "node",
    globalSetup: ["faults/global-setup.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
    reporters: process.env.CI
      ? ["default", ["json", { outputFile: ".reports/vitest-faults.json" }]]
      : ["default"],
  },
});
