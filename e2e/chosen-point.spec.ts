// The chosen point gathers the work: while a decision is open, a verified group's coordinator ties
// an action to a candidate and reports a caravan expected there; a signed-out reader sees neither
// the candidate nor the tie. Once the point is chosen and made public, the reader, on a 360 px
// phone in Spanish, finds on its page the action and the caravan expected (without dates or
// headcount), and the action's page leads to the point.
import { formatInTimeZone } from "date-fns-tz";
import { ADMIN_EMAIL, expect, test } from "./fixtures";
import { createAction } from "./organizing";
import { nameMyself, person, verifiedGroup } from "./people";
import { pickPlace } from "./places";

test.use({ locale: "en-US" });
const phone = { width: 360, height: 740 };

test("the chosen point's page lists the action tied to it and the caravan expected there", async ({
  page,
  browser,
  mailbox,
  signIn,
}) => {
  test.setTimeout(420_000);
  const run = Date.now().toString(36);
  const point = `Plaza del Encuentro ${run}`;
  const other = `Parque Lejano ${run}`;
  const actionTitle = `Bienvenida en la plaza ${run}`;
  const caravanName = `Caravana del Pacífico ${run}`;

  // A verified group's coordinator proposes two places; an admin shortlists them.
  await signIn();
  await nameMyself(page, "Gathering Coordinator E2E");
  const groupName = `Red del Encuentro ${run}`;
  const groupPath = await verifiedGroup(page, browser, mailbox, ADMIN_EMAIL, groupName);
  const paths = new Map<string, string>();
  for (const [name, crossing, town] of [
    [point, "San Ysidro–Tijuana", "Tijuana"],
    [other, "Nogales", "Nogales"],
  ] as const) {
    await page.goto("/meeting-points/new");
    await page.getByLabel("Name of the place").fill(name);
    await page.getByLabel("Crossing").selectOption({ label: crossing });
    await pickPlace(page, "Town or city", town);
    await page.getByLabel("Capacity").fill("800");
    await page.getByRole("button", { name: "Propose a meeting point" }).click();
    await page.waitForURL(/\/meeting-points\/[0-9a-f-]{36}$/);
    paths.set(name, new URL(page.url()).pathname);
  }
  const admin = await person(browser, mailbox, { locale: "en-US", email: ADMIN_EMAIL });
  for (const path of paths.values()) {
    await admin.page.goto(path);
    await admin.page.getByRole("button", { name: "Shortlist" }).click();
    await expect(admin.page.getByRole("button", { name: "Shortlist" })).toHaveCount(0);
  }
  await admin.done();
  const pointPath = paths.get(point)!;

  // A decision between them (and any other shortlisted place), closing in two minutes.
  const closes = new Date(Date.now() + 2 * 60_000);
  await page.goto("/decisions/new");
  await page.getByLabel("Question").fill(`Where do we gather? ${run}`);
  await page.getByLabel("Closes on").fill(formatInTimeZone(closes, "America/Tijuana", "yyyy-MM-dd"));
  await page.getByLabel("Closing time").fill(formatInTimeZone(closes, "America/Tijuana", "HH:mm"));
  await page.getByLabel("Quorum (ballots needed)").fill("1");
  await page.getByRole("button", { name: "Open a decision" }).click();
  await page.waitForURL(/\/decisions\/[0-9a-f-]{36}$/);
  const decisionPath = new URL(page.url()).pathname;
  const ballot = page.getByRole("region", { name: `Ballot of ${groupName}` });
  await ballot.getByLabel("Choice 1", { exact: true }).selectOption({ label: point });
  await ballot.getByRole("button", { name: "Cast the ballot" }).click();
  await expect(ballot.getByText("Ballot saved. Other voters cannot see it.")).toBeVisible();

  // While it is open, the coordinator (one of the people deciding) ties an action to the candidate.
  const tomorrow = formatInTimeZone(new Date(Date.now() + 86_400_000), "America/Tijuana", "yyyy-MM-dd");
  await page.goto(groupPath);
  const actionPath = await createAction(page, {
    title: actionTitle,
    area: "Tijuana",
    date: tomorrow,
    start: "09:00",
    end: "13:00",
    meetingPoint: `${point} · Shortlisted`,
  });

  // And reports a caravan expected there.
  await page.goto("/caravans");
  await page.getByRole("link", { name: "Add a caravan" }).click();
  await page.waitForURL("/caravans/new");
  await page.getByLabel("Name of the caravan").fill(caravanName);
  await page.getByLabel("Where it set out from").selectOption({ label: "Guatemala" });
  await page.getByLabel("Departure date").fill("2026-10-20");
  await page.getByLabel("Estimated size (people)").fill("640");
  await page.getByLabel("Status").selectOption({ label: "On the way" });
  await page.getByRole("button", { name: "Add the caravan" }).click();
  await page.waitForURL(/\/caravans\/[0-9a-f-]{36}$/);
  const caravanPath = new URL(page.url()).pathname;
  await page.goto(`${caravanPath}/report`);
  await pickPlace(page, "Town or place", "Hermosillo");
  await page.getByLabel("How many people (estimate)").fill("615");
  await page.getByLabel("Meeting point").selectOption({ label: point });
  await page.getByLabel("From", { exact: true }).fill("2030-01-08");
  await page.getByLabel("Until", { exact: true }).fill("2030-01-11");
  await page.getByRole("button", { name: "Send the report" }).click();
  await page.waitForURL((url) => url.pathname === caravanPath);

  // The coordinator sees both on the candidate's page, with the arrival window.
  await page.goto(pointPath);
  await expect(
    page.getByRole("region", { name: "Actions at this point" }).getByRole("link", { name: actionTitle }),
  ).toBeVisible();
  const expected = page.getByRole("region", { name: "Caravans expected here" });
  await expect(expected.getByRole("link", { name: caravanName })).toBeVisible();
  await expect(expected.getByText(/^Expected between/)).toBeVisible();
  await expect(expected.getByText(/615 people/)).toBeVisible();

  // A signed-out reader on a phone: the action does not name the hidden candidate.
  const reader = await browser.newContext({ locale: "es-MX", viewport: phone });
  const readerPage = await reader.newPage();
  await readerPage.goto(actionPath);
  await expect(readerPage.getByRole("heading", { level: 1, name: actionTitle })).toBeVisible();
  expect(await readerPage.content()).not.toContain(point);
  expect((await readerPage.goto(pointPath))!.status()).toBe(404);

  // The decision closes by itself; its coordinator makes the result public at once.
  await expect(async () => {
    await page.goto(decisionPath);
    await expect(page.getByText(`Chosen: ${point}.`)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 200_000, intervals: [5_000] });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();

  // Now the reader finds, on the chosen point's page, the action and the caravan expected, coarse:
  // once the closing job has settled the count (it runs every few seconds; the coordinator may
  // publish as soon as the closing time has passed, and nothing is public before it has run).
  await expect(async () => {
    await readerPage.goto(pointPath);
    await expect(readerPage.getByRole("heading", { level: 1, name: point })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000, intervals: [2_000] });
  await expect(
    readerPage.getByText("Este es el punto de encuentro que los grupos eligieron juntos."),
  ).toBeVisible();
  const actionsHere = readerPage.getByRole("region", { name: "Acciones en este punto" });
  await expect(actionsHere.getByRole("link", { name: actionTitle })).toBeVisible();
  const caravansHere = readerPage.getByRole("region", { name: "Caravanas esperadas aquí" });
  await expect(caravansHere.getByRole("link", { name: caravanName })).toBeVisible();
  await expect(caravansHere.getByText("En camino", { exact: false })).toBeVisible();
  const text = await caravansHere.innerText();
  for (const secret of ["615", "640", "2030", "Hermosillo"]) expect(text).not.toContain(secret);
  // Puente's word on the choice is signed: a QR code and a short code to check, and a poster.
  const signed = readerPage.getByRole("complementary", { name: "Anuncio firmado por Puente" });
  await expect(signed.getByRole("img", { name: "Código QR del anuncio firmado" })).toBeVisible();
  await expect(signed.locator("[data-forward-text]")).toContainText(`Punto de encuentro elegido: ${point}`);
  await signed.getByRole("link", { name: "Cartel para imprimir" }).click();
  await expect(readerPage.getByRole("heading", { level: 1 })).toHaveText(
    "Punto de encuentro / Meeting point",
  );
  await expect(readerPage.getByText(`Meeting point chosen: ${point}`, { exact: false })).toBeVisible();
  await readerPage.goto(pointPath);
  // And the action's page leads to the point.
  await actionsHere.getByRole("link", { name: actionTitle }).click();
  await readerPage.waitForURL((url) => url.pathname === actionPath);
  await readerPage.getByRole("link", { name: `★ ${point}` }).click();
  await readerPage.waitForURL((url) => url.pathname === pointPath);
  await reader.close();
});
