// Runs last (the "logs" project waits for every journey): what the app server logged during the whole e2e run holds
// no email address, no token and no coordinate (QUALITY.md figure 8).
import { readFile } from "node:fs/promises";
import { expect, test } from "./fixtures";

test("the server's logs of the whole run hold no email address, token or coordinate", async () => {
  const file = process.env.PUENTE_E2E_SERVER_LOG;
  expect(file, "playwright.config.ts names the log file").toBeTruthy();
  const log = await readFile(file!, "utf8");
  expect(log.length).toBeGreaterThan(0);
  const findings = {
    emails: log.match(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g) ?? [],
    hexTokens: log.match(/\b[a-f0-9]{32,}\b/g) ?? [],
    linkTokens: log.match(/(?:token=|\/invitations\/|\/calendar\/|\/withdraw\/)[A-Za-z0-9_-]{20,}/g) ?? [],
    coordinates: log.match(/-?\b\d{1,3}\.\d{4,}\b/g) ?? [],
  };
  expect(findings).toEqual({ emails: [], hexTokens: [], linkTokens: [], coordinates: [] });
});
