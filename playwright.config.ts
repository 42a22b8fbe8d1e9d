// End-to-end tests: a production build of Puente, driven by Chromium, sending its emails to an
// SMTP server the tests run themselves (e2e/mailbox.ts), and its texts to their SMSC. See e2e/fixtures.ts for what tests share.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { ADMIN_EMAIL, APP_PORT, BASE_URL, EMAIL_FROM, SMS_URL, SMTP_URL } from "./e2e/settings";

const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;

// Without PostgreSQL the app uses embedded PGlite: give each run a fresh, empty data folder. The
// config is also loaded by each worker; they inherit the folder through the environment.
if (!databaseUrl) {
  process.env.PUENTE_E2E_DATA_DIR ||= mkdtempSync(path.join(tmpdir(), "puente-e2e-"));
}

// Everything the app server writes while the tests run, for e2e/z-logs.spec.ts to read.
process.env.PUENTE_E2E_SERVER_LOG ||= path.join(
  mkdtempSync(path.join(tmpdir(), "puente-e2e-log-")),
  "server.log",
);

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  globalTeardown: "./e2e/global-teardown.ts",
  // One SMTP server on a fixed port, one app, one database: tests run one after another.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  // Journeys of two or three people, with an accessibility check on every page, on 2 shared cores.
  timeout: 150_000,
  // In CI, .ci/totals.mjs sums the JSON reports in .reports/ into one "N passed, N failed" line.
  reporter: process.env.CI ? [["list"], ["json", { outputFile: ".reports/e2e.json" }]] : "list",
  use: {
    baseURL: BASE_URL,
    // The demo's people read times at the border, whatever the machine's zone (server/i18n/zone.ts:
    // a signed-in browser's zone is the reader's). e2e/times.spec.ts sets others.
    timezoneId: "America/Tijuana",
    navigationTimeout: 15_000,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's Chromium where installed; otherwise Playwright's own browser.
      executablePath: existsSync(chromium) ? chromium : undefined,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    // The demo data, as a newcomer's first start has it: the embedded database seeds itself on its
    // first start, PostgreSQL is seeded here (e2e/phone.spec.ts walks the pages as the demo people).
    command: `npm run build && ${databaseUrl ? "npm run seed && " : ""}npm run serve -- -p ${APP_PORT} 2>&1 | tee -a "${process.env.PUENTE_E2E_SERVER_LOG}"`,
    url: BASE_URL,
    reuseExistingServer: false,
    timeout: 600_000, // the production build: minutes on 2 shared cores
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    env: {
      ...(databaseUrl
        ? { DATABASE_URL: databaseUrl }
        : { PUENTE_DATA_DIR: process.env.PUENTE_E2E_DATA_DIR! }),
      // The address the browsers use: sign-in links go only to it, and the API's same-origin
      // check accepts only it (server/origin.ts).
      PUENTE_URL: BASE_URL,
      SMTP_URL,
      EMAIL_FROM,
      // The SMSC the tests run (e2e/fixtures.ts): the app binds to it, retrying until it is up.
      SMS_URL,
      SMS_RATE: "0",
      PUENTE_ADMIN_EMAILS: ADMIN_EMAIL,
      NEXT_TELEMETRY_DISABLED: "1",
      // Every browser of the run signs in from 127.0.0.1; the limits themselves are tested in vitest.
      PUENTE_RATE_LIMIT_SCALE: "20",
      // A test may play the reverse proxy and say whom a browser is (X-Forwarded-For): e2e/stories.spec.ts.
      PUENTE_TRUSTED_PROXIES: "loopback",
    },
  },
});
