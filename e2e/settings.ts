// Values shared by playwright.config.ts (which starts the apps) and the fixtures (which talk to
// them). The run is split into lanes, one per Playwright worker: each lane has its own app server,
// database, SMTP server and SMSC, so journeys in two lanes never see each other's mail or data.
// Ports can be moved (E2E_APP_PORT, E2E_SMTP_PORT, E2E_SMSC_PORT) so two checkouts can run their
// suites at once.

/**
 * How many lanes run side by side (E2E_LANES, default 2). Most of a journey's time is spent
 * waiting (for a decision to close, a job to run, an email to arrive), so two lanes nearly halve
 * the run on two cores.
 */
export const LANES = Math.max(1, Number(process.env.E2E_LANES ?? 2));

/** Playwright's worker slot: 0 in the runner itself, where the config starts every lane's app. */
const LANE = Number(process.env.TEST_PARALLEL_INDEX ?? 0);

const APP_PORT_BASE = Number(process.env.E2E_APP_PORT ?? 3100);
const SMTP_PORT_BASE = Number(process.env.E2E_SMTP_PORT ?? 2526);
const SMSC_PORT_BASE = Number(process.env.E2E_SMSC_PORT ?? 2776);

/** Where lane `lane` listens. App ports are 10 apart: e2e/cross-site.spec.ts uses the next one. */
export function laneSettings(lane: number) {
  const appPort = APP_PORT_BASE + 10 * lane;
  const smtpPort = SMTP_PORT_BASE + lane;
  const smscPort = SMSC_PORT_BASE + lane;
  return {
    appPort,
    baseUrl: `http://localhost:${appPort}`,
    smtpPort,
    /** The test's own SMTP server: the app sends its sign-in emails here. */
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    smscPort,
    /** The test's own SMSC (test-support/smpp-server.ts): the app sends its texts here over SMPP. */
    smsUrl: `smpp://puente:secret@127.0.0.1:${smscPort}?source=PUENTE`,
  };
}

/** Lane 0 uses DATABASE_URL's database; lane N its own, named after it, made and seeded at start. */
export function laneDatabaseUrl(databaseUrl: string, lane: number): string {
  if (lane === 0) return databaseUrl;
  const url = new URL(databaseUrl);
  url.pathname = `${url.pathname}_lane${lane}`;
  return url.toString();
}

const mine = laneSettings(LANE);
export const APP_PORT = mine.appPort;
export const BASE_URL = mine.baseUrl;
export const SMTP_PORT = mine.smtpPort;
export const SMTP_URL = mine.smtpUrl;
export const SMSC_PORT = mine.smscPort;
export const SMS_URL = mine.smsUrl;
export const EMAIL_FROM = "Puente e2e <no-reply@puente.example.org>";

/** Named in PUENTE_ADMIN_EMAILS: signing in with it makes an administrator. */
export const ADMIN_EMAIL = "e2e-admin@example.org";
