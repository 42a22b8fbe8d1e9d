// What another site can make a visitor's browser do to Puente, tried on the production build: the
// language switch and Next's own API route refuse it, and even a 404 carries the security headers.
// Next's route is reached by a `next start` of the same build (the front server answers
// /api/trpc itself, so its gate is tested in server/front/api.test.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures";
import { APP_PORT, BASE_URL } from "./settings";

const EVIL = "http://evil.example";

test("the language switch refuses another site and an opaque origin, without a server error", async ({
  request,
}) => {
  for (const origin of ["null", EVIL]) {
    const response = await request.post("/language", {
      headers: { origin },
      form: { locale: "en" },
      maxRedirects: 0,
    });
    expect(response.status(), origin).toBe(403);
  }
  const own = await request.post("/language", {
    headers: { origin: BASE_URL },
    form: { locale: "en" },
    maxRedirects: 0,
  });
  expect(own.status()).toBe(303);
});

test("favicon.ico's 404 carries the security headers", async ({ request }) => {
  const response = await request.get("/favicon.ico");
  expect(response.status()).toBe(404);
  const headers = response.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
});

test.describe("Next's API route", () => {
  const port = APP_PORT + 1;
  const next = `http://127.0.0.1:${port}`;
  let server: ChildProcess;

  test.beforeAll(async () => {
    // The same build, on its own embedded database: nothing here reaches the database.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PUENTE_DATA_DIR: mkdtempSync(path.join(tmpdir(), "puente-e2e-next-")),
      PUENTE_SEED: "0",
      PUENTE_WORKER: "0",
      PUENTE_URL: next,
      NEXT_TELEMETRY_DISABLED: "1",
    };
    delete env.DATABASE_URL;
    const bin = path.join("node_modules", "next", "dist", "bin", "next");
    server = spawn(process.execPath, [bin, "start", "-p", String(port), "-H", "127.0.0.1"], {
      env,
      stdio: "ignore",
    });
    await expect
      .poll(
        () =>
          fetch(`${next}/signin`).then(
            (r) => r.status,
            () => 0,
          ),
        { timeout: 60_000 },
      )
      .toBe(200);
  });

  test.afterAll(() => {
    server.kill("SIGTERM");
  });

  test("refuses cross-site writes, form bodies and oversized batches, as the front server does", async () => {
    const form = () => {
      const body = new FormData();
      body.set("confirm", "yes");
      return body;
    };
    for (const path of ["me.deleteAccount", "me.signOutEverywhere", "actions.createCalendarFeed"]) {
      const crossSite = await fetch(`${next}/api/trpc/${path}`, {
        method: "POST",
        headers: { origin: EVIL },
        body: form(),
      });
      expect(crossSite.status, path).toBe(403);
      const noOrigin = await fetch(`${next}/api/trpc/${path}`, { method: "POST", body: form() });
      expect(noOrigin.status, path).toBe(415);
    }
    const batch = await fetch(`${next}/api/trpc/${Array(11).fill("groups.directory").join(",")}?batch=1`);
    expect(batch.status).toBe(400);
    const huge = await fetch(`${next}/api/trpc/${Array(1000).fill("actions.list").join(",")}?batch=1`);
    expect(huge.status).toBe(414);
  });
});
