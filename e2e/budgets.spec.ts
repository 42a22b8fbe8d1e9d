// Page weight on a cheap phone: what each page sends on a first visit (a browser with an empty
// cache), gzipped as it would travel, against Puente's budgets. Public pages also have to be
// readable with JavaScript off, since on a weak signal the scripts may never arrive; signed out,
// they are sent without scripts at all (server/front/script-free.ts).
import { gzipSync } from "node:zlib";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { ADMIN_EMAIL, expect, test } from "./fixtures";
import type { Mailbox } from "./mailbox";
import { person, verifiedGroup } from "./people";
import { createAction } from "./organizing";

test.use({ locale: "en-US" });

const KB = 1000;
const BUDGET = { publicJs: 120 * KB, signedInJs: 200 * KB, total: 500 * KB };
interface Weight {
  path: string;
  signedIn: boolean;
  html: number;
  css: number;
  js: number;
  files: { url: string; type: string; gzip: number }[];
}

/** Loads `path` in `context` (whose cache is empty) and sums the gzipped bytes of what it fetched. */
async function weigh(context: BrowserContext, path: string, signedIn: boolean): Promise<Weight> {
  const page = await context.newPage();
  const pending: Promise<Weight["files"][number] | null>[] = [];
  page.on("response", (response) => {
    const type = response.request().resourceType();
    if (!["script", "stylesheet", "document"].includes(type)) return;
    pending.push(
      response
        .body()
        .then((body) => ({ url: response.url(), type, gzip: gzipSync(body).length }))
        // A redirect has no body to weigh.
        .catch(() => null),
    );
  });
  const response = await page.goto(path, { waitUntil: "load" });
  expect(response?.ok(), `${path} answers`).toBe(true);
  // Scripts loaded right after the load event (hydration, prefetches of visible links) count too.
  await page.waitForLoadState("networkidle");
  const files = (await Promise.all(pending)).filter((file) => file !== null);
  await page.close();
  const sum = (type: string) => files.filter((f) => f.type === type).reduce((n, f) => n + f.gzip, 0);
  return { path, signedIn, html: sum("document"), css: sum("stylesheet"), js: sum("script"), files };
}

/** A fresh context, so every page is weighed as a first visit. */
async function weighFresh(browser: Browser, path: string, storageState?: string) {
  const context = await browser.newContext({ locale: "en-US", storageState });
  try {
    return await weigh(context, path, Boolean(storageState));
  } finally {
    await context.close();
  }
}

function table(weights: Weight[]): string {
  const kb = (bytes: number) => (bytes / KB).toFixed(1).padStart(7);
  const rows = weights.map((w) => {
    const budget = w.signedIn ? BUDGET.signedInJs : BUDGET.publicJs;
    return `${w.path.padEnd(21)} ${kb(w.html)} ${kb(w.css)} ${kb(w.js)} ${kb(budget)} ${kb(w.html + w.css + w.js)}`;
  });
  return [
    "page weight, gzip, KB (1 KB = 1000 bytes)",
    `${"page".padEnd(21)} ${"HTML".padStart(7)} ${"CSS".padStart(7)} ${"JS".padStart(7)} ${"JS max".padStart(7)} ${"total".padStart(7)}`,
    ...rows,
  ].join("\n");
}

/**
 * The first action the public list shows; on an empty database (PostgreSQL in CI), one made for
 * the occasion. Remembered for the tests after it: they run one after another in one worker.
 */
let knownAction: string | undefined;

async function someAction(page: Page, browser: Browser, mailbox: Mailbox): Promise<string> {
  knownAction ??= await findOrMakeAction(page, browser, mailbox);
  return knownAction;
}

async function findOrMakeAction(page: Page, browser: Browser, mailbox: Mailbox): Promise<string> {
  await page.goto("/actions");
  const listed = page.getByRole("list", { name: "Actions found" }).getByRole("link");
  if ((await listed.count()) > 0) return (await listed.first().getAttribute("href"))!;

  const organizer = await person(browser, mailbox, { locale: "en-US" });
  const stamp = Date.now().toString(36);
  const groupPath = await verifiedGroup(organizer.page, browser, mailbox, ADMIN_EMAIL, `Budget ${stamp}`);
  await organizer.page.goto(groupPath);
  const day = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const path = await createAction(organizer.page, {
    title: `Budget walk ${stamp}`,
    area: "San Ysidro, Tijuana",
    exactPlace: "Plaza Viva Tijuana",
    date: day,
    start: "09:00",
    end: "11:00",
  });
  await organizer.page.goto(path);
  await organizer.done();
  return path;
}

const PUBLIC = ["/", "/actions", "/stories", "/groups"];

test("every page stays within its weight budget on a first visit", async ({
  page,
  browser,
  mailbox,
}, testInfo) => {
  test.setTimeout(180_000);
  const actionPath = await someAction(page, browser, mailbox);

  const weights: Weight[] = [];
  for (const path of [...PUBLIC.slice(0, 2), actionPath, ...PUBLIC.slice(2)]) {
    weights.push(await weighFresh(browser, path));
  }

  // A member who coordinates a group of their own (not verified yet), so /coordinate is theirs.
  const member = await person(browser, mailbox, { locale: "en-US" });
  await member.page.goto("/groups/new");
  await member.page
    .getByLabel("Name", { exact: true })
    .fill(`Budget coordinators ${Date.now().toString(36)}`);
  await member.page.getByLabel("Kind").selectOption({ label: "Community" });
  await member.page.getByLabel("Country").selectOption({ label: "Mexico" });
  await member.page.getByLabel("City").fill("Tijuana");
  await member.page.getByLabel("State or region").fill("Baja California");
  await member.page.getByRole("button", { name: "Create a group" }).click();
  await member.page.waitForURL(
    (url) => url.pathname.startsWith("/groups/") && url.pathname !== "/groups/new",
  );
  const session = testInfo.outputPath("signed-in.json");
  await member.page.context().storageState({ path: session });
  await member.done();
  // The public pages signed in carry Next's runtime (the header's live inbox needs it).
  for (const path of ["/me", "/home", "/coordinate", "/actions", actionPath]) {
    const weight = await weighFresh(browser, path, session);
    expect(weight.html, `${path} is the signed-in page, not a redirect to sign in`).toBeGreaterThan(0);
    weights.push(weight);
  }

  const report = table(
    weights.map((w) => ({
      ...w,
      path: (w.path === actionPath ? "/actions/[id]" : w.path) + (w.signedIn ? " (in)" : ""),
    })),
  );
  console.log(report);
  await testInfo.attach("page-weight.txt", { body: report, contentType: "text/plain" });
  await testInfo.attach("page-weight-files.json", {
    body: JSON.stringify(weights, null, 2),
    contentType: "application/json",
  });

  for (const w of weights) {
    const jsBudget = w.signedIn ? BUDGET.signedInJs : BUDGET.publicJs;
    expect.soft(w.js, `JavaScript on ${w.path} (gzip bytes)`).toBeLessThanOrEqual(jsBudget);
    expect
      .soft(w.html + w.css + w.js, `everything on ${w.path} (gzip bytes)`)
      .toBeLessThanOrEqual(BUDGET.total);
  }
  await page.goto("/");
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("the public pages show their heading and their content", async ({ page, browser, mailbox }) => {
    const actionPath = await someAction(page, browser, mailbox);

    await page.goto("/");
    await expect(
      page.getByRole("heading", { level: 1, name: "Meet the caravans at the border, together and safely" }),
    ).toBeVisible();
    await expect(page.getByRole("heading", { name: "What the caravans asked for" })).toBeVisible();

    // Lists on a fresh PostgreSQL database may be empty; the embedded one has demo data.
    const listOrEmpty = (list: string, empty: string) =>
      page.getByRole("list", { name: list }).or(page.getByRole("status").filter({ hasText: empty }));

    await page.goto("/actions");
    await expect(page.getByRole("heading", { level: 1, name: "Actions" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Actions found" })).toBeVisible();

    await page.goto(actionPath);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Shifts" })).toBeVisible();

    await page.goto("/stories");
    await expect(page.getByRole("heading", { level: 1, name: "Stories" })).toBeVisible();
    await expect(listOrEmpty("Published stories", "No story has been published yet.")).toBeVisible();

    await page.goto("/groups");
    await expect(page.getByRole("heading", { level: 1, name: "Groups" })).toBeVisible();
    await expect(listOrEmpty("Groups found", "No verified groups match.")).toBeVisible();
  });
});

test("signed out, the public pages come without scripts and work by their links and forms", async ({
  page,
  browser,
  mailbox,
}) => {
  const actionPath = await someAction(page, browser, mailbox);
  const scripts = page.locator("script");
  const scriptRequests: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") scriptRequests.push(request.url());
  });

  await page.goto("/");
  await expect(scripts).toHaveCount(0);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Actions" }).click();
  await page.waitForURL(/\/actions$/);
  await expect(page.getByRole("heading", { level: 1, name: "Actions" })).toBeVisible();
  await expect(scripts).toHaveCount(0);

  await page.goto(actionPath);
  await expect(page.getByRole("heading", { level: 2, name: "Shifts" })).toBeVisible();
  // The language switch is a form: it still works, and the page comes back in Spanish.
  await page.getByRole("button", { name: "Leer en español" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Turnos" })).toBeVisible();
  await expect(scripts).toHaveCount(0);
  expect(scriptRequests, "scripts fetched while signed out").toEqual([]);
  await page.getByRole("button", { name: "Read in English" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Shifts" })).toBeVisible();

  // Signed in, the same page has Next's runtime again (the header's live inbox runs on it).
  const reader = await person(browser, mailbox, { locale: "en-US" });
  await reader.page.goto(actionPath);
  await expect(reader.page.getByRole("heading", { level: 2, name: "Shifts" })).toBeVisible();
  expect(await reader.page.locator("script[src]").count()).toBeGreaterThan(0);
  await reader.done();
});
