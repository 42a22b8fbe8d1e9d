// Issue 18, item 2: one message, one time. A signed-in person reads every time in one zone, by
// one formatting path: their /me setting, else their browser's zone, else the server's. Before,
// /home read 12:28 (Tijuana) where /inbox and the message page read 20:28 (the server's UTC).
import type { BrowserContext, Page } from "@playwright/test";
import { ADMIN_EMAIL, expect, test } from "./fixtures";
import { nameMyself, person, verifiedGroup } from "./people";

test.use({ locale: "en-US" });

/** The message's time as the app writes it in Spanish ("5 dic 2026, 12:28"), for every minute it may carry. */
function candidates(zone: string, from: number, to: number): string[] {
  const format = new Intl.DateTimeFormat("es", { dateStyle: "medium", timeStyle: "short", timeZone: zone });
  const minutes = new Set<string>();
  for (let at = from - 60_000; at <= to + 60_000; at += 30_000) minutes.add(format.format(at));
  return [...minutes];
}

/** Which of `times` the text shows: exactly one. */
function shown(text: string, times: string[]): string {
  const found = times.filter((time) => text.includes(time));
  expect(found, `one of ${times.join(" | ")} in «${text}»`).toHaveLength(1);
  return found[0]!;
}

async function timesOf(page: Page, subject: string, times: string[]) {
  await page.goto("/home");
  const home = shown(await page.getByRole("link", { name: new RegExp(subject) }).innerText(), times);
  await page.goto("/inbox");
  const inbox = shown(await page.getByRole("link", { name: new RegExp(subject) }).innerText(), times);
  await page.getByRole("link", { name: new RegExp(subject) }).click();
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  const message = shown(await page.getByText(/^De Coordinadora Horas/).innerText(), times);
  return { home, inbox, message };
}

async function join(member: Page, coordinator: Page, groupUrl: string, name: string) {
  await nameMyself(member, name);
  await member.goto(groupUrl);
  await member.getByRole("button", { name: "Pedir unirme" }).click();
  await expect(member.getByText("Pediste unirte.", { exact: false })).toBeVisible();
  await coordinator.goto(groupUrl);
  await coordinator
    .getByRole("region", { name: "Join requests" })
    .getByRole("button", { name: `Approve: ${name}` })
    .click();
  await expect(
    coordinator.getByRole("region", { name: "Members" }).getByText(name, { exact: true }),
  ).toBeVisible();
}

/** The raw page a request gets with this `tz` cookie: what the server chose, before any script runs. */
async function htmlWithZoneCookie(context: BrowserContext, value: string, path: string) {
  await context.addCookies([{ name: "tz", value, url: test.info().project.use.baseURL! }]);
  return (await context.request.get(path)).text();
}

test("one message reads the same time on /home, in the inbox and on its page, in the reader's zone", async ({
  page,
  browser,
  mailbox,
  signIn,
}) => {
  test.setTimeout(300_000);
  const run = Date.now().toString(36);
  await signIn();
  await nameMyself(page, "Coordinadora Horas");
  const groupUrl = await verifiedGroup(page, browser, mailbox, ADMIN_EMAIL, `Horas Unidas ${run}`);

  // One member's phone is in Tijuana; the other's too, but she reads times in Mexico City's zone.
  const tijuana = await person(browser, mailbox, { locale: "es-MX", timezoneId: "America/Tijuana" });
  await join(tijuana.page, page, groupUrl, "Lectora Tijuana");
  const capital = await person(browser, mailbox, { locale: "es-MX", timezoneId: "America/Tijuana" });
  await join(capital.page, page, groupUrl, "Lectora Capital");

  // Zone names in Spanish, the device's zone first; the choice is saved without JavaScript's help.
  await capital.page.goto("/me");
  const zone = capital.page.getByLabel("Ver las horas en");
  await expect(zone).toHaveValue("");
  await expect(zone.getByRole("option", { name: "La zona de mi dispositivo" })).toHaveCount(1);
  await expect(zone.getByRole("option", { name: "Tijuana (hora del Pacífico)" })).toHaveCount(1);
  await expect(
    zone.getByRole("option", { name: "Ciudad Juárez (hora de las Montañas Rocosas)" }),
  ).toHaveCount(1);
  await expect(capital.page.getByText(/^Ahora son las \d{1,2}:\d{2} hora del Pacífico\.$/)).toBeVisible();
  await zone.selectOption({ label: "Ciudad de México (hora estándar central)" });
  await capital.page.getByRole("button", { name: "Guardar zona" }).click();
  await expect(capital.page.getByText("Guardado. Las horas se muestran en esta zona.")).toBeVisible();
  await capital.page.reload();
  await expect(capital.page.getByLabel("Ver las horas en")).toHaveValue("America/Mexico_City");
  await expect(capital.page.getByText(/^Ahora son las \d{1,2}:\d{2} hora estándar central\.$/)).toBeVisible();

  // A value off the list is refused in Spanish, not echoed, and the setting stays.
  await capital.page
    .getByLabel("Ver las horas en")
    .evaluate((select: HTMLSelectElement) => (select.options[1]!.value = "Mars/Olympus_Mons"));
  await capital.page.getByLabel("Ver las horas en").selectOption({ index: 1 });
  await capital.page.getByRole("button", { name: "Guardar zona" }).click();
  await expect(capital.page.getByText("Elige una de las opciones.")).toBeVisible();
  await expect(capital.page.locator("body")).not.toContainText("Olympus");
  await capital.page.reload();
  await expect(capital.page.getByLabel("Ver las horas en")).toHaveValue("America/Mexico_City");

  // The coordinator sends an urgent message.
  const subject = `Garita cerrada ${run}`;
  await page.goto("/messages/new");
  await page.getByLabel(`Horas Unidas ${run}`).check();
  await page.getByLabel("Subject in Spanish").fill(subject);
  await page.getByLabel("Message in Spanish").fill("Cerraron la garita.");
  await page.getByLabel(/^Urgent/).check();
  const before = Date.now();
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await page.waitForURL(/\/inbox\/[0-9a-f-]{36}$/);
  const after = Date.now();

  // Tijuana's reader: the same Tijuana time on all three pages.
  const inTijuana = candidates("America/Tijuana", before, after);
  const t = await timesOf(tijuana.page, subject, inTijuana);
  expect(t.inbox).toBe(t.home);
  expect(t.message).toBe(t.home);

  // Mexico City's reader (by her setting, her phone still in Tijuana): two hours later, everywhere.
  const c = await timesOf(capital.page, subject, candidates("America/Mexico_City", before, after));
  expect(c.inbox).toBe(c.home);
  expect(c.message).toBe(c.home);
  expect(c.home).not.toBe(t.home);

  // The browser's zone, when the person chose none: a valid one is taken, a garbage one ignored
  // (the server's zone serves) and never echoed.
  const context = tijuana.page.context();
  const chicago = await htmlWithZoneCookie(context, "America/Chicago", "/inbox");
  shown(chicago, candidates("America/Chicago", before, after));
  for (const garbage of ["Mars/Olympus_Mons", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "GMT-8"]) {
    const html = await htmlWithZoneCookie(context, garbage, "/inbox");
    expect(shown(html, inTijuana)).toBe(t.home);
    expect(html).not.toContain("Olympus");
    expect(html).not.toContain("alert(1)");
  }

  await tijuana.done();
  await capital.done();
});
