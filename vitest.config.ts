import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    // *.pg.test.ts need PostgreSQL itself (concurrency, restarts): they run when DATABASE_URL is set.
    include: ["server/**/*.test.ts", "db/**/*.test.ts"],
    exclude: process.env.DATABASE_URL ? ["node_modules/**"] : ["node_modules/**", "**/*.pg.test.ts"],
    environment: "node",
    // next-auth imports `next/server` without an extension, which Node's ESM resolver refuses.
    server: { deps: { inline: ["next-auth", "@auth/core"] } },
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: process.env.CI
      ? ["default", ["json", { outputFile: process.env.VITEST_JSON ?? ".reports/vitest.json" }]]
      : ["default"],
  },
});
