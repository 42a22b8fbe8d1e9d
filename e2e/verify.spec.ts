// A forged "the welcome moved" spreads faster than any correction. An organizer cancels an
// action, and Puente signs the cancellation; a volunteer on a 360 px phone in Spanish opens
// /verify once, loses the connection, and still tells the genuine announcement (a QR code from a
// photo) from the same text with one word changed.
import type { BrowserContext } from "@playwright/test";
import QRCode from "qrcode";
import { ADMIN_EMAIL, expect, test } from "./fixtures";
import { nameMyself, person, verifiedGroup } from "./people";
import { createAction } from "./organizing";

test.use({ locale: "en-US" });

/** No network, for the page and for the service worker's own fetches (e2e/offline.spec.ts). */
async function goOffline(context: BrowserContext) {
  await context.setOffline(true);
  await context.route("**/*", (route) =>
    route.request().serviceWorker() ? route.abort("internetdisconnected") : route.continue(),
  );
}

test("offline, /verify finds a signed cancellation genuine from its QR code, and a changed copy NOT from Puente", async ({
  page,
  browser,
  mailbox,
  signIn,
}) => {
  test.setTimeout(300_000);
  const run = Date.now().toString(36);
  await signIn();
  await nameMyself(page, "Organizer Verify");
  const groupPath = await verifiedGroup(page, browser, mailbox, ADMIN_EMAIL, `Frontera Firmada ${run}`);
  await page.goto(groupPath);
  const day = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
  const actionPath = await createAction(page, {
    title: `Bienvenida ${run}`,
    area: "Parque Teniente Guerrero, Tijuana",
    date: day,
    start: "09:00",
    end: "12:00",
  });
  await page.getByRole("button", { name: "Cancel this action" }).click();
  await page.getByRole("button", { name: "Yes, cancel it" }).click();
  await page.goto(actionPath);
  const badge = page.getByRole("complementary", { name: "Announcement signed by Puente" });
  await expect(badge.getByRole("img", { name: "QR code of the signed announcement" })).toBeVisible();
  const code = (await badge.getAttribute("data-signed-statement"))!;
  await expect(badge.getByText(`Verification code: ${code}`)).toBeVisible();
  const forwarded = (await badge.locator("[data-forward-text]").textContent())!;
  expect(forwarded).toContain("Acción cancelada");
  expect(forwarded).toContain("Action cancelled");

  // The short code finds it, online, for anyone.
  await page.goto(`/verify?code=${code.toLowerCase().replace("-", " ")}`);
  await expect(page.getByText(/^Genuine: announced by Puente \(fingerprint /)).toBeVisible();

  const volunteer = await person(browser, mailbox, {
    locale: "es-MX",
    viewport: { width: 360, height: 740 },
  });
  const phone = volunteer.page;
  await phone.goto("/verify");
  await expect(phone.getByRole("heading", { level: 1, name: "Comprobar un anuncio" })).toBeVisible();
  await expect
    .poll(
      () =>
        phone.evaluate(async () => {
          const kept = await caches.open("puente-public");
          return Boolean((await kept.match("/verify")) && (await kept.match("/.well-known/puente-key")));
        }),
      { timeout: 20_000 },
    )
    .toBe(true);

  await goOffline(phone.context());
  await phone.reload();
  await expect(phone.getByRole("heading", { level: 1, name: "Comprobar un anuncio" })).toBeVisible();
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // A photo of the QR code on the action's page.
  const photo = await QRCode.toBuffer(forwarded, { type: "png", margin: 4, scale: 4 });
  await phone.getByText("Elegir una foto del código").setInputFiles({
    name: "anuncio.png",
    mimeType: "image/png",
    buffer: photo,
  });
  await expect(phone.getByText(/^Auténtico: anunciado por Puente \(huella \S+/)).toBeVisible();
  await expect(phone.getByText("Comprobado en este teléfono, sin conexión.")).toBeVisible();

  // The same text, forwarded with the place changed.
  const changed = forwarded.replace("Parque Teniente Guerrero", "Parque Morelos");
  await phone.getByLabel(/^Texto reenviado/).fill(changed);
  await phone.getByRole("button", { name: "Comprobar", exact: true }).click();
  await expect(phone.getByText("NO es de Puente.")).toBeVisible();
  await expect(
    phone.getByText("El texto no coincide con lo que Puente firmó: alguien lo cambió."),
  ).toBeVisible();
  await volunteer.done();
});
