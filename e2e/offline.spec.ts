// In the field, with no signal: a volunteer who signed up for a shift and got an urgent message
// opens their page, the action and the message once; offline, each is still readable and says
// when it was saved (in English, and in Spanish for the message). Once they sign out, none of it
// is left on the phone for whoever uses it next.
import type { BrowserContext, Page } from "@playwright/test";
import { ADMIN_EMAIL, expect, test } from "./fixtures";
import { nameMyself, person, verifiedGroup } from "./people";
import { addShift, createAction } from "./organizing";

test.use({ locale: "en-US" });

/** The paths the service worker keeps for the signed-in person, read from the page's own origin. */
function savedPaths(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const paths: string[] = [];
    for (const name of await caches.keys()) {
      if (!name.startsWith("puente-pages-")) continue;
      for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
    }
    return paths.sort();
  });
}

/**
 * No network at all. Chromium's emulated offline mode does not reach a service worker's own
 * fetches, so those are refused here as a lost connection would refuse them.
 */
async function goOffline(context: BrowserContext) {
  await context.setOffline(true);
  await context.route("**/*", (route) =>
    route.request().serviceWorker() ? route.abort("internetdisconnected") : route.continue(),
  );
}

async function goOnline(context: BrowserContext) {
  await context.unrouteAll();
  await context.setOffline(false);
}

const SAVED_EN = /^Saved copy, saved at \d{2}:\d{2}\. You are offline: it may be out of date\.$/;
const SAVED_ES = /^Copia guardada a las \d{2}:\d{2}\. No hay conexión: puede estar desactualizada\.$/;

test("a volunteer's shifts, action and urgent message stay readable offline, and leave with sign-out", async ({
  page,
  browser,
  mailbox,
  signIn,
}) => {
  // Three people, two languages and axe on every page, on 2 shared cores.
  test.setTimeout(420_000);
  const run = Date.now().toString(36);
  const title = `Agua en la garita ${run}`;

  // An organizer with a verified group makes an action with one shift.
  await signIn();
  await nameMyself(page, "Organizer Offline");
  const groupPath = await verifiedGroup(page, browser, mailbox, ADMIN_EMAIL, `Frontera Offline ${run}`);
  await page.goto(groupPath);
  const day = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const actionPath = await createAction(page, {
    title,
    area: "San Ysidro, Tijuana",
    exactPlace: "Plaza Viva Tijuana",
    date: day,
    start: "09:00",
    end: "13:00",
  });
  await addShift(page, { role: "Water", date: day, from: "09:00", until: "13:00", places: 5 });

  // A volunteer signs up for it.
  const volunteer = await person(browser, mailbox, {
    locale: "en-US",
    viewport: { width: 390, height: 844 },
  });
  const phone = volunteer.page;
  const context = phone.context();
  await nameMyself(phone, "Volunteer Offline");
  await phone.goto(actionPath);
  await phone.getByRole("button", { name: "Sign up: Water" }).click();
  await expect(phone.getByText("You have a place.")).toBeVisible();

  // The organizer writes to the action's volunteers, urgently.
  await page.goto("/messages/new");
  await page.getByLabel(`${title}: every shift`).check();
  await page.getByLabel("Subject in Spanish").fill(`Garita cerrada ${run}`);
  await page.getByLabel("Message in Spanish").fill("Nos vemos en la plaza, no en la garita.");
  await page.getByLabel("Subject in English").fill(`Crossing closed ${run}`);
  await page.getByLabel("Message in English").fill("Meet at the plaza, not at the crossing.");
  await page.getByLabel(/^Urgent/).check();
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await page.waitForURL(/\/inbox\/[0-9a-f-]{36}$/);
  const messagePath = new URL(page.url()).pathname;

  // The volunteer's browser now runs the service worker; they open each page once.
  await expect
    .poll(() => phone.evaluate(() => Boolean(navigator.serviceWorker.controller)), { timeout: 15_000 })
    .toBe(true);
  await phone.goto("/me");
  await expect(phone.getByRole("link", { name: title })).toBeVisible();
  await phone.goto(actionPath);
  await phone.goto("/inbox");
  await expect(phone.getByRole("link", { name: new RegExp(`Crossing closed ${run}`) })).toBeVisible();
  await phone.goto(messagePath);
  await expect(phone.getByText("Meet at the plaza, not at the crossing.", { exact: true })).toBeVisible();
  await expect.poll(() => savedPaths(phone)).toEqual(["/inbox", actionPath, messagePath, "/me"].sort());

  // No network: every one of them is still there, marked as a saved copy with its time.
  await goOffline(context);
  await phone.reload();
  await expect(phone.getByRole("status").filter({ hasText: /^Saved copy/ })).toHaveText(SAVED_EN);
  await expect(phone.getByText("Meet at the plaza, not at the crossing.", { exact: true })).toBeVisible();
  await phone.goto("/me");
  await expect(phone.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();
  await expect(phone.getByRole("status").filter({ hasText: /^Saved copy/ })).toHaveText(SAVED_EN);
  await expect(phone.getByRole("link", { name: title })).toBeVisible();
  await phone.goto(actionPath);
  await expect(phone.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(phone.getByText("You have a place.")).toBeVisible();
  await expect(phone.getByRole("status").filter({ hasText: /^Saved copy/ })).toHaveText(SAVED_EN);
  await phone.goto("/inbox");
  await expect(phone.getByRole("link", { name: new RegExp(`Crossing closed ${run}`) })).toBeVisible();
  await expect(phone.getByRole("status").filter({ hasText: /^Saved copy/ })).toHaveText(SAVED_EN);
  // The saved time is the phone's clock when the page was saved.
  const shown = await phone
    .getByRole("status")
    .filter({ hasText: /^Saved copy/ })
    .textContent();
  const [hours, minutes] = shown!
    .match(/(\d{2}):(\d{2})/)!
    .slice(1)
    .map(Number) as [number, number];
  // The phone's own clock, in its own zone (America/Tijuana, playwright.config.ts), not the test's.
  const now = await phone.evaluate(() => new Date().getHours() * 60 + new Date().getMinutes());
  const ago = (now - (hours * 60 + minutes) + 1440) % 1440;
  expect(ago).toBeLessThanOrEqual(5);
  // A page never opened was never saved. (Probed in a tab of its own: a browser's offline error
  // page is not Puente's to check for accessibility.)
  const probe = await context.newPage();
  await expect(probe.goto("/needs")).rejects.toThrow();

  // In Spanish: the message read in Spanish is saved in Spanish, and says so in Spanish.
  await goOnline(context);
  await phone.goto(messagePath);
  await phone.getByRole("button", { name: "Leer en español" }).click();
  await expect(phone.getByRole("heading", { level: 1, name: `Garita cerrada ${run}` })).toBeVisible();
  await phone.goto(messagePath);
  await goOffline(context);
  await phone.reload();
  await expect(phone.getByRole("heading", { level: 1, name: `Garita cerrada ${run}` })).toBeVisible();
  await expect(phone.getByRole("status").filter({ hasText: /^Copia guardada/ })).toHaveText(SAVED_ES);

  // Signing out (online) leaves nothing behind: offline, none of the pages opens any more.
  await goOnline(context);
  await phone.goto("/me");
  await phone.getByRole("button", { name: "Salir", exact: true }).click();
  await expect(phone.getByRole("link", { name: "Entrar", exact: true })).toBeVisible();
  await expect.poll(() => savedPaths(phone)).toEqual([]);
  await goOffline(context);
  for (const path of ["/me", actionPath, "/inbox", messagePath]) {
    await expect(probe.goto(path), `${path} offline after signing out`).rejects.toThrow();
    await expect(probe.getByText("Meet at the plaza", { exact: false })).toHaveCount(0);
    await expect(probe.getByText("Nos vemos en la plaza", { exact: false })).toHaveCount(0);
    await expect(probe.getByText("Volunteer Offline")).toHaveCount(0);
    await expect(probe.getByText(title)).toHaveCount(0);
  }
  await probe.close();
  await goOnline(context);
  await phone.goto("/");
  await volunteer.done();
});
