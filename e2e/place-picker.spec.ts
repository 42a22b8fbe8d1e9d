// The place picker on a 360 px phone in Spanish: a report starts with no position (the last
// report's town is only a hint), type-ahead finds the town, "use my location" sends only a
// position rounded on the phone, and with JavaScript off a typed town is found by the server, or
// the towns it may be are listed to choose from. Also takes the README's screenshot of the picker.
import type { Page, Request } from "@playwright/test";
import { ADMIN_EMAIL, expect, test } from "./fixtures";
import { person } from "./people";
import { BASE_URL } from "./settings";

test.use({
  locale: "es-MX",
  viewport: { width: 360, height: 740 },
  permissions: ["geolocation"],
  // Finer than anyone should ever send: the phone rounds it to 31.72, -106.46 first.
  geolocation: { latitude: 31.7201234567, longitude: -106.4598765432 },
});

async function call<T>(page: Page, path: string, input: unknown, method: "GET" | "POST"): Promise<T> {
  const response =
    method === "POST"
      ? await page.request.post(`/api/trpc/${path}`, { data: { json: input }, headers: { origin: BASE_URL } })
      : await page.request.get(
          `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
        );
  expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
  return (await response.json()).result.data.json as T;
}

test("a delegate names where the caravan is with the place picker, with and without JavaScript", async ({
  page,
  browser,
  mailbox,
  signIn,
}, testInfo) => {
  test.setTimeout(300_000);
  const run = Date.now().toString(36);
  const email = await signIn();

  // An admin adds the caravan and names this person its delegate; an earlier report is in Tapachula.
  const admin = await person(browser, mailbox, { locale: "en-US", email: ADMIN_EMAIL });
  const { id: caravanId } = await call<{ id: string }>(
    admin.page,
    "caravans.create",
    {
      details: {
        name: `Caravana del Sur ${run}`,
        origin: "HN",
        departureDate: "2026-10-12",
        estimatedSize: 900,
        status: "in_transit",
      },
    },
    "POST",
  );
  await call(admin.page, "caravans.addDelegate", { caravanId, email }, "POST");
  await admin.done();
  await call(
    page,
    "caravans.report",
    { caravanId, placeName: "Tapachula", latitude: 14.9, longitude: -92.26, headcount: 900 },
    "POST",
  );
  // Where the caravan was last reported: readers get it displaced by a few km at most
  // (server/caravans/protection.ts), far less than the distance between the towns used here.
  const near = async (placeName: string, latitude: number, longitude: number) => {
    const { caravan } = await call<{
      caravan: { latest: { placeName: string; latitude: number; longitude: number } };
    }>(page, "caravans.get", { caravanId }, "GET");
    expect(caravan.latest.placeName).toBe(placeName);
    expect(Math.abs(caravan.latest.latitude - latitude)).toBeLessThan(0.15);
    expect(Math.abs(caravan.latest.longitude - longitude)).toBeLessThan(0.15);
  };

  // The form starts with no place and no position: Tapachula is a hint, not a value.
  const reportPath = `/caravans/${caravanId}/report`;
  await page.goto(reportPath);
  const place = page.getByRole("combobox", { name: "Pueblo o lugar" });
  await expect(place).toHaveValue("");
  await expect(page.locator('input[name="latitude"]')).toHaveValue("");
  await expect(page.locator('input[name="longitude"]')).toHaveValue("");
  await expect(page.getByText("Último informe: Tapachula.", { exact: false })).toBeVisible();

  // Type-ahead, without accents: "tiju" finds Tijuana. The README's screenshot shows the list open.
  await place.fill("tiju");
  const option = page.getByRole("listbox", { name: "Pueblo o lugar" }).getByRole("option");
  await expect(option.first()).toHaveText("Tijuana, Baja California, México");
  await place.press("ArrowDown");
  await expect(option.first()).toHaveAttribute("aria-selected", "true");
  await page.getByRole("heading", { level: 1 }).scrollIntoViewIfNeeded();
  // UPDATE_SCREENSHOTS=1 rewrites the README's copy; otherwise it goes with the test's results.
  await page.screenshot({
    path: process.env.UPDATE_SCREENSHOTS
      ? "docs/screenshots/place-picker.png"
      : testInfo.outputPath("place-picker.png"),
  });
  await place.press("Enter");
  await expect(place).toHaveValue("Tijuana, Baja California, México");
  await expect(page.getByText("Punto en el mapa (redondeado a unos 11 km): 32.5, -117.0")).toBeVisible();
  await page.getByLabel("Cuántas personas (estimación)").fill("880");
  await page.getByRole("button", { name: "Enviar el reporte" }).click();
  await page.waitForURL((url) => url.pathname === `/caravans/${caravanId}`);
  await near("Tijuana", 32.5, -117);

  // "Usar mi ubicación": only the rounded position leaves the phone, to name the town and in the form.
  await page.goto(reportPath);
  const sent: Request[] = [];
  page.on("request", (request) => sent.push(request));
  await page.getByRole("button", { name: "Usar mi ubicación" }).click();
  await expect(place).toHaveValue("Ciudad Juárez, Chihuahua, México");
  await expect(page.getByText("Punto en el mapa (redondeado a unos 11 km): 31.7, -106.5")).toBeVisible();
  await page.getByLabel("Cuántas personas (estimación)").fill("870");
  const posted = page.waitForRequest((r) => r.method() === "POST" && r.url().includes(reportPath));
  await page.getByRole("button", { name: "Enviar el reporte" }).click();
  const body = (await posted).postData() ?? "";
  expect(body).toMatch(/name="(?:_\d+_)?latitude"\r\n\r\n31\.72\r\n/);
  expect(body).toMatch(/name="(?:_\d+_)?longitude"\r\n\r\n-106\.46\r\n/);
  await page.waitForURL((url) => url.pathname === `/caravans/${caravanId}`);
  for (const request of sent) {
    const text = `${decodeURIComponent(request.url())} ${request.postData() ?? ""}`;
    expect(text).not.toMatch(/31\.7201|106\.4598/);
  }
  await near("Ciudad Juárez, Chihuahua, México", 31.7, -106.5);

  // Without JavaScript: no location button; a town typed whole is found by the server...
  const offline = await browser.newContext({
    javaScriptEnabled: false,
    locale: "es-MX",
    viewport: { width: 360, height: 740 },
    storageState: await page.context().storageState(),
  });
  const plain = await offline.newPage();
  await plain.goto(reportPath);
  await expect(plain.getByRole("button", { name: "Usar mi ubicación" })).toHaveCount(0);
  await plain.getByLabel("Pueblo o lugar").fill("tapachula");
  await plain.getByLabel("Cuántas personas (estimación)").fill("860");
  await plain.getByRole("button", { name: "Enviar el reporte" }).click();
  await plain.waitForURL((url) => url.pathname === `/caravans/${caravanId}`);
  await near("Tapachula", 14.9, -92.3);

  // ...and one it does not know is refused, with the towns it may be to choose from.
  await plain.goto(reportPath);
  await plain.getByLabel("Pueblo o lugar").fill("Juchi");
  await plain.getByLabel("Cuántas personas (estimación)").fill("850");
  await plain.getByRole("button", { name: "Enviar el reporte" }).click();
  await expect(plain.getByText("No conocemos ese lugar: elígelo de la lista.")).toBeVisible();
  await plain.getByRole("radio", { name: "Juchitán de Zaragoza, Oaxaca, México" }).check();
  await plain.getByRole("button", { name: "Enviar el reporte" }).click();
  await plain.waitForURL((url) => url.pathname === `/caravans/${caravanId}`);
  await near("Juchitán de Zaragoza", 16.4, -95);
  await offline.close();
});
