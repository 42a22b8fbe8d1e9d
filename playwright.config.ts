// End-to-end tests: a production build of Puente, driven by Chromium, sending its emails to an
// SMTP server the tests run themselves (e2e/mailbox.ts), and its texts to their SMSC. See e2e/fixtures.ts for what tests share.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { ADMIN_EMAIL, BASE_URL, EMAIL_FROM, LANES, laneDatabaseUrl, laneSettings } from "./e2e/settings";

const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;

// Without PostgreSQL the app uses embedded PGlite: give each run a fresh folder, a data folder per
// lane inside it. The config is also loaded by each worker; they inherit it through the environment.
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
  // A worker per lane (e2e/settings.ts): its own app, database, SMTP server and SMSC. A file's
  // tests run one after another in one lane.
  workers: LANES,
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
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, testIgnore: "z-logs.spec.ts" },
    // Reads what every lane's app logged, so it runs once all the journeys are over.
    { name: "logs", testMatch: "z-logs.spec.ts", dependencies: ["chromium"] },
  ],
  webServer: Array.from({ length: LANES }, (_, lane) => laneServer(lane)),
});

/** Lane `lane`'s app server: lane 0 builds the app, then each lane seeds its database and serves. */
function laneServer(lane: number) {
  const { appPort, baseUrl, smtpUrl, smsUrl } = laneSettings(lane);
  const laneUrl = databaseUrl && laneDatabaseUrl(databaseUrl, lane);
  // The demo data, as a newcomer's first start has it: the embedded database seeds itself on its
  // first start, PostgreSQL is seeded here (e2e/phone.spec.ts walks the pages as the demo people).
  const steps = [
    ...(lane === 0 ? ["npm run build"] : []),
    ...(laneUrl && lane > 0 ? [`npx tsx e2e/lane-database.ts create ${laneUrl}`] : []),
    ...(laneUrl ? ["npm run seed"] : []),
    `npm run serve -- -p ${appPort} 2>&1 | tee -a "${process.env.PUENTE_E2E_SERVER_LOG}"`,
  ];
  return {
    command: steps.join(" && "),
    url: baseUrl,
    reuseExistingServer: false,
    timeout: 600_000, // the production build: minutes on 2 shared cores
    stdout: "ignore" as const,
    stderr: "pipe" as const,
    gracefulShutdown: { signal: "SIGTERM" as const, timeout: 5_000 },
    env: {
      ...(laneUrl
        ? { DATABASE_URL: laneUrl }
        : { PUENTE_DATA_DIR: path.join(process.env.PUENTE_E2E_DATA_DIR!, `lane-${lane}`) }),
      // The address the browsers use: sign-in links go only to it, and the API's same-origin
      // check accepts only it (server/origin.ts).
      PUENTE_URL: baseUrl,
      SMTP_URL: smtpUrl,
      EMAIL_FROM,
      // The lane's SMSC (e2e/fixtures.ts): the app binds to it, retrying until it is up.
      SMS_URL: smsUrl,
      SMS_RATE: "0",
      PUENTE_ADMIN_EMAILS: ADMIN_EMAIL,
      NEXT_TELEMETRY_DISABLED: "1",
      // Every browser of the run signs in from 127.0.0.1; the limits themselves are tested in vitest.
      PUENTE_RATE_LIMIT_SCALE: "20",
      // A test may play the reverse proxy and say whom a browser is (X-Forwarded-For): e2e/stories.spec.ts.
      PUENTE_TRUSTED_PROXIES: "loopback",
    },
  };
}
