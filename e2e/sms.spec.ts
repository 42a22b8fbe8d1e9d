// A caravan's delegate with no email, on a 360 px phone in Spanish: they sign in with a code texted
// to their phone (an account is made for the number), a US coordinator names them delegate by that
// number, and writes an urgent message to the caravan's delegates. It reaches the delegate by SMS
// and in the inbox; they answer by SMS, with no code to type, and the answer shows in the
// coordinator's thread. The texts go through the SMSC the tests run (test-support/smpp-server.ts).
import { checkAccessibilityOnNavigation } from "./accessibility";
import { expect, expectAccessible, test } from "./fixtures";
import { nameMyself, verifiedGroup } from "./people";
import { ADMIN_EMAIL, BASE_URL } from "./settings";

test.use({ locale: "en-US" });

const phone = { width: 360, height: 740 };

test("a delegate with only a phone signs in by SMS code, reads an urgent message and answers it by SMS", async ({
  page,
  browser,
  mailbox,
  smsc,
  signIn,
}) => {
  test.setTimeout(300_000);
  const run = Date.now().toString(36);
  // A Tijuana mobile number no earlier run has used.
  const e164 = `+52664${String(Date.now() % 10_000_000).padStart(7, "0")}`;
  const groupName = `Frontera Abierta ${run}`;
  const caravanName = `Caravana Madre ${run}`;

  // A US coordinator with a verified group registers the caravan.
  await signIn();
  await nameMyself(page, "Coordinadora SMS E2E");
  await verifiedGroup(page, browser, mailbox, ADMIN_EMAIL, groupName);
  const created = await page.request.post("/api/trpc/caravans.create", {
    headers: { origin: BASE_URL },
    data: {
      json: {
        details: {
          name: caravanName,
          origin: "HN",
          departureDate: "2026-10-12",
          estimatedSize: 900,
          status: "in_transit",
        },
      },
    },
  });
  expect(created.ok(), await created.text()).toBe(true);
  const caravanId = ((await created.json()) as { result: { data: { json: { id: string } } } }).result.data
    .json.id;

  // The delegate, on a phone in Spanish, with JavaScript on as most phones have it, signs in by phone.
  await smsc.waitForBind(90_000);
  const context = await browser.newContext({
    locale: "es-MX",
    viewport: phone,
    timezoneId: "America/Tijuana",
  });
  const delegate = await context.newPage();
  const accessibility = checkAccessibilityOnNavigation(delegate, { javaScriptEnabled: true });
  await delegate.goto("/signin");
  const byPhone = delegate.getByRole("form", { name: "Con tu teléfono" });
  // Typed as people say it: the national number, with spaces.
  await byPhone.getByLabel("Número de celular").fill(`664 ${e164.slice(6, 9)} ${e164.slice(9)}`);
  await byPhone.getByRole("button", { name: "Enviarme un código por SMS" }).click();
  await expect(delegate.getByRole("heading", { level: 1, name: "Escribe el código" })).toBeVisible();
  await expect(delegate.getByText(/Te enviamos un código de 6 dígitos por SMS a \+52•+\d\d\./)).toBeVisible();
  await expectAccessible(delegate);
  await expect.poll(() => smsc.textsTo(e164).length).toBeGreaterThan(0);
  const texted = smsc.textsTo(e164).at(-1)!;
  const code = /\b(\d{6})\b/.exec(texted)![1]!;
  expect(texted).toContain("tu código para entrar");
  // A wrong code first, as fingers do: told how many tries are left, in Spanish.
  await delegate.getByLabel("Código de 6 dígitos").fill(code === "000000" ? "111111" : "000000");
  await delegate.getByRole("button", { name: "Entrar" }).click();
  await expect(delegate.getByText("Ese código no es. Te quedan 4 intentos.")).toBeVisible();
  await expectAccessible(delegate);
  await delegate.getByLabel("Código de 6 dígitos").fill(code);
  await delegate.getByRole("button", { name: "Entrar" }).click();
  await delegate.waitForURL(/\/me\?welcome=1$/);
  await expect(delegate.getByText("Sin correo: entras con tu teléfono.")).toBeVisible();
  const overflow = await delegate.evaluate(() => document.documentElement.scrollWidth);
  expect(overflow).toBeLessThanOrEqual(phone.width);
  await nameMyself(delegate, "Delegado Madre E2E");

  // The coordinator names them delegate by the number they signed in with.
  await page.goto(`/caravans/${caravanId}`);
  const delegates = page.getByRole("region", { name: "Delegates" });
  await delegates.getByLabel("Email or mobile number the delegate signs in with").fill(e164);
  await delegates.getByRole("button", { name: "Name as delegate" }).click();
  await expect(
    delegates.getByRole("button", { name: "Remove Delegado Madre E2E as delegate" }),
  ).toBeVisible();

  // An urgent message to the caravan's delegates.
  const sent = await page.request.post("/api/trpc/messages.send", {
    headers: { origin: BASE_URL },
    data: {
      json: {
        audience: [{ kind: "caravanDelegates", caravanId }],
        subjectEs: `Cambio de punto ${run}`,
        bodyEs: "Los esperamos en la garita de Otay, no en San Ysidro.",
        subjectEn: "",
        bodyEn: "",
        urgent: true,
      },
    },
  });
  expect(sent.ok(), await sent.text()).toBe(true);
  const messageId = ((await sent.json()) as { result: { data: { json: { id: string } } } }).result.data.json
    .id;

  // It arrives by SMS, and in the inbox on the phone.
  const sms = () => smsc.textsTo(e164);
  await expect.poll(() => sms().some((t) => t.includes("garita de Otay")), { timeout: 30_000 }).toBe(true);
  expect(sms().find((t) => t.includes("garita de Otay"))).toMatch(/^Puente URGENTE/);
  await delegate.goto("/inbox");
  await delegate.getByRole("link", { name: new RegExp(`Cambio de punto ${run}`) }).click();
  await expect(delegate.getByRole("heading", { level: 1, name: `Cambio de punto ${run}` })).toBeVisible();
  await expect(
    delegate.getByText("Los esperamos en la garita de Otay, no en San Ysidro.", { exact: true }),
  ).toBeVisible();

  // The delegate answers from the phone's own SMS app: the text lands in the coordinator's thread.
  await smsc.sendText(e164, `Enterados, llegamos el jueves ${run}`);
  await page.goto(`/inbox/${messageId}`);
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.getByText(`Enterados, llegamos el jueves ${run}`).isVisible();
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  await accessibility.finish();
  await context.close();
});
