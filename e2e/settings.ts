// Values shared by playwright.config.ts (which starts the app) and the fixtures (which talk to it).
// Ports can be moved (E2E_APP_PORT, E2E_SMTP_PORT, E2E_SMSC_PORT) so two checkouts can run their
// suites at once.
export const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
export const BASE_URL = `http://localhost:${APP_PORT}`;

/** The test's own SMTP server: the app sends its sign-in emails here. */
export const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2526);
export const SMTP_URL = `smtp://127.0.0.1:${SMTP_PORT}`;
export const EMAIL_FROM = "Puente e2e <no-reply@puente.example.org>";

/** The test's own SMSC (test-support/smpp-server.ts): the app sends its texts here over SMPP. */
export const SMSC_PORT = Number(process.env.E2E_SMSC_PORT ?? 2776);
export const SMS_URL = `smpp://puente:secret@127.0.0.1:${SMSC_PORT}?source=PUENTE`;

/** Named in PUENTE_ADMIN_EMAILS: signing in with it makes an administrator. */
export const ADMIN_EMAIL = "e2e-admin@example.org";
