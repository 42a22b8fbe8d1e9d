// A caravan's report, from the road to the needs board: a coordinator adds a caravan, an admin
// names its delegate, the delegate reports from Oaxaca in Spanish on a phone (the position is
// rounded before it is stored), a second verified group confirms the report and pledges the water
// it asks for, and the public page still shows only the region: no place, headcount or position.
import { ADMIN_EMAIL, expect, test } from "./fixtures";
import { nameMyself, person, verifiedGroup } from "./people";
import { BASE_URL } from "./settings";
import { pickPlace } from "./places";

test.use({ locale: "en-US" });
const phone = { width: 390, height: 844 };

test("a delegate reports in Spanish, a second group confirms and pledges water, the public sees only the region", async ({
  page,
  browser,
  mailbox,
  signIn,
}) => {
  // Five people sign in and two groups are vetted: minutes on a busy two-core machine.
  test.setTimeout(480_000);
  const run = Date.now().toString(36);
  const caravanName = `Caravana del Sur ${run}`;
  const place = "Juchitán de Zaragoza";

  // A coordinator of a verified group adds the caravan.
  await signIn();
  await nameMyself(page, "Caravan Coordinator E2E");
  await verifiedGroup(page, browser, mailbox, ADMIN_EMAIL, `Red de Acogida ${run}`);
  await page.goto("/caravans");
  await page.getByRole("link", { name: "Add a caravan" }).click();
  await page.waitForURL("/caravans/new");
  await page.getByLabel("Name of the caravan").fill(caravanName);
  await page.getByLabel("Where it set out from").selectOption({ label: "Honduras" });
  await page.getByLabel("Departure date").fill("2026-10-12");
  await page.getByLabel("Estimated size (people)").fill("1200");
  await page.getByLabel("Status").selectOption({ label: "On the way" });
  await page.getByRole("button", { name: "Add the caravan" }).click();
  await page.waitForURL(/\/caravans\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: caravanName })).toBeVisible();
  const caravanPath = new URL(page.url()).pathname;

  // The delegate signs in once (in Spanish, on a phone); an admin names them.
  const delegate = await person(browser, mailbox, { locale: "es-MX", viewport: phone });
  await nameMyself(delegate.page, "Delegada E2E");
  const admin = await person(browser, mailbox, { locale: "en-US", email: ADMIN_EMAIL });
  await admin.page.goto(caravanPath);
  const delegates = admin.page.getByRole("region", { name: "Delegates" });
  await delegates.getByLabel("Email or mobile number the delegate signs in with").fill(delegate.email);
  await delegates.getByRole("button", { name: "Name as delegate" }).click();
  await expect(delegates.getByRole("button", { name: "Remove Delegada E2E as delegate" })).toBeVisible();
  await admin.done();

  // The delegate reports where the caravan is, with a position finer than the server keeps.
  await delegate.page.goto(caravanPath);
  await delegate.page.getByRole("link", { name: "Reportar dónde está la caravana" }).click();
  await delegate.page.waitForURL(`${caravanPath}/report`);
  await pickPlace(delegate.page, "Pueblo o lugar", "juchit", /^Juchitán de Zaragoza, Oaxaca/);
  await delegate.page.getByLabel("Cuántas personas (estimación)").fill("-3");
  await delegate.page.getByLabel("Agua: cuánto").fill("850");
  // Every need's fields have labels one can see, not only a screen reader.
  await expect(delegate.page.getByText("Agua: nota", { exact: true })).toBeVisible();
  await delegate.page.getByLabel("Agua: nota").fill("litros al día");
  await delegate.page.getByRole("button", { name: "Enviar el reporte" }).click();
  await expect(delegate.page.getByText("Debe ser al menos 0.")).toBeVisible();
  await delegate.page.getByLabel("Cuántas personas (estimación)").fill("850");
  await delegate.page.getByRole("button", { name: "Enviar el reporte" }).click();
  await delegate.page.waitForURL((url) => url.pathname === caravanPath);
  const timeline = delegate.page.getByRole("region", { name: "Reportes, del más reciente al más antiguo" });
  await expect(timeline.getByText(`${place} · 850 personas`)).toBeVisible();
  await expect(timeline.getByText("Sin verificar")).toBeVisible();
  await expect(timeline.getByText("Posición (redondeada a 0,1°): 16.4, -95.0")).toBeVisible();
  await expect(timeline.getByRole("button", { name: "Confirmar este reporte" })).toHaveCount(0);
  await delegate.done();

  // A second verified group confirms the report, and pledges the water it asks for.
  const other = await person(browser, mailbox, { locale: "en-US", viewport: phone });
  await nameMyself(other.page, "Second Group E2E");
  const secondGroup = `Casa Hermana ${run}`;
  await verifiedGroup(other.page, browser, mailbox, ADMIN_EMAIL, secondGroup);
  await other.page.goto(caravanPath);
  const reports = other.page.getByRole("region", { name: "Reports, newest first" });
  await reports.getByRole("button", { name: "Confirm this report" }).click();
  await expect(reports.getByText(`Confirmed by ${secondGroup}`)).toBeVisible();

  await other.page.goto("/needs");
  const water = other.page.getByRole("article", { name: `Water · ${place}` });
  await expect(water.getByText("0 of 850 pledged")).toBeVisible();
  await water.getByText("Make a pledge").click();
  await water.getByLabel("How much").fill("850");
  await water.getByRole("button", { name: "Pledge" }).click();
  await expect(water.getByText("850 of 850 pledged")).toBeVisible();
  await expect(water.getByText("Covered")).toBeVisible();
  await expect(water.getByText(new RegExp(`^${secondGroup}: Water \\(850\\)`))).toBeVisible();
  await other.done();

  // The public sees the caravan's region and status, and nothing finer.
  const visitor = await browser.newContext({ locale: "en-US", baseURL: BASE_URL });
  const publicPage = await visitor.newPage();
  for (const path of [caravanPath, "/caravans"]) {
    await publicPage.goto(path);
    // Names are checked in everything sent; numbers in what is shown (map paths are full of digits).
    const html = await publicPage.content();
    for (const secret of [place, "Delegada E2E", "litros al día"]) {
      expect(html, `${path} hides ${secret}`).not.toContain(secret);
    }
    const text = await publicPage.locator("body").innerText();
    for (const secret of ["850", "16.4", "-95.0", "1200", "1,200"]) {
      expect(text, `${path} hides ${secret}`).not.toContain(secret);
    }
  }
  await publicPage.goto(caravanPath);
  await expect(publicPage.getByText("Region: Southern Mexico (Oaxaca, Guerrero)")).toBeVisible();
  await expect(publicPage.getByText("On the way", { exact: true })).toBeVisible();
  await publicPage.goto("/caravans");
  await expect(
    publicPage.getByRole("link", { name: `${caravanName}: On the way, Southern Mexico (Oaxaca, Guerrero)` }),
  ).toBeVisible();
  await visitor.close();
});
