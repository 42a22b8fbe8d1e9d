// A story's life: a migrant tells it in Spanish on a phone, a coordinator adds the English
// translation and publishes it, an English reader finds it, and the teller withdraws it with the
// private link: it is gone. Four people, four browsers.
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { checkAccessibilityOnNavigation } from "./accessibility";
import { ADMIN_EMAIL, expect, newEmail, signInLinkIn, test } from "./fixtures";
import type { Mailbox } from "./mailbox";

/** Rate limits count per address: each run of this file comes from an address of its own. */
const address = () => `2001:db8:${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}::1`;

test.use({
  viewport: { width: 390, height: 844 },
  locale: "es-MX",
  extraHTTPHeaders: { "x-forwarded-for": address() },
});

async function person(browser: Browser, locale: string) {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const accessibility = checkAccessibilityOnNavigation(page, { javaScriptEnabled: true });
  return { page, done: async () => (await accessibility.finish(), await context.close()) };
}

async function signInAs(page: Page, mailbox: Mailbox, email: string) {
  await page.goto("/signin");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await page.waitForURL((url) => url.pathname === "/signin/sent");
  await page.goto(signInLinkIn(await mailbox.waitForEmail(email)));
}

/** A coordinator of a group an admin has verified: a story reviewer. */
async function coordinator(browser: Browser, mailbox: Mailbox) {
  const them = await person(browser, "en-US");
  await signInAs(them.page, mailbox, newEmail());
  await them.page.goto("/groups/new");
  const groupName = `Casa Puente ${Date.now().toString(36)}`;
  await them.page.getByLabel("Name", { exact: true }).fill(groupName);
  await them.page.getByLabel("Kind").selectOption({ label: "Shelter" });
  await them.page.getByLabel("Country").selectOption({ label: "Mexico" });
  await them.page.getByLabel("City").fill("Tijuana");
  await them.page.getByLabel("State or region").fill("Baja California");
  await them.page.getByRole("button", { name: "Create a group" }).click();
  await them.page.waitForURL(/\/groups\/casa-puente-/);
  // No story review before the group is verified (nor after: see below).
  await expect(them.page.getByRole("link", { name: "Story review" })).toHaveCount(0);

  const admin = await person(browser, "en-US");
  await signInAs(admin.page, mailbox, ADMIN_EMAIL);
  await admin.page.goto("/admin/groups");
  await admin.page.getByRole("form", { name: groupName }).getByRole("button", { name: "Verify" }).click();
  await expect(admin.page.getByRole("form", { name: groupName })).toHaveCount(0);
  await admin.done();
  return them;
}

test("a story told in Spanish on a phone is translated, published, read in English, and withdrawn by its teller", async ({
  page,
  browser,
  mailbox,
}) => {
  const pseudonym = `Flor ${Date.now().toString(36)}`;
  const spanish = "Salí de Choloma con mi hija. En el camino aprendimos a cuidarnos entre todos.";
  const english = "I left Choloma with my daughter. On the way we learned to look after one another.";
  const email = newEmail();

  // The teller, in Spanish, on a phone, without an account.
  await page.goto("/");
  await page.getByRole("link", { name: "Cuenta tu historia" }).click();
  await page.waitForURL("/stories/new");
  await expect(page.getByRole("heading", { level: 1, name: "Cuenta tu historia" })).toBeVisible();
  await page.getByLabel("Nombre con el que firmas").fill(pseudonym);
  await page.getByLabel("País de donde vienes").selectOption({ label: "Honduras" });
  await page.getByLabel("Edad (opcional)").selectOption({ label: "25 a 34" });
  await page.getByLabel("Caravana con la que viajas (opcional)").fill("Caravana Madre");
  await page.getByLabel("Tu historia en español").fill(spanish);
  await page.getByLabel("Correo para recibir tu enlace para retirarla (opcional)").fill(email);

  // Without consent nothing is sent, and nothing typed is lost.
  await page.getByRole("button", { name: "Enviar mi historia" }).click();
  await expect(
    page
      .getByRole("alert")
      .filter({ hasText: "Marca la casilla de consentimiento para compartir tu historia." }),
  ).toBeVisible();
  await expect(page.getByLabel("Tu historia en español")).toHaveValue(spanish);

  await page.getByRole("checkbox", { name: "Lo leí y estoy de acuerdo en compartir mi historia." }).check();
  await page.getByRole("button", { name: "Enviar mi historia" }).click();
  await expect(page.getByRole("heading", { name: "Gracias. Tu historia fue enviada." })).toBeVisible();
  const link = page.getByRole("link", { name: "Tu enlace privado para retirar tu historia" });
  const withdrawUrl = (await link.getAttribute("href"))!;
  expect(withdrawUrl).toMatch(/\/stories\/withdraw\/[0-9A-HJKMNP-TV-Z]{12}$/);
  // A code to write down too, said to be shown only once.
  await expect(
    page.getByText("No volveremos a mostrar este código ni este enlace.", { exact: false }),
  ).toBeVisible();
  const code = withdrawUrl.slice(-12);
  await expect(page.getByText(code.match(/.{4}/g)!.join("-"), { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Copiar el enlace" })).toBeVisible();
  await expect(page.getByText("También te enviamos el enlace por correo")).toBeVisible();
  const emailed = await mailbox.waitForEmail(email);
  expect(emailed.text).toContain(withdrawUrl);

  // Not public before review.
  const reader = await person(browser, "en-US");
  await reader.page.goto("/stories");
  await expect(reader.page.getByRole("link", { name: new RegExp(pseudonym) })).toHaveCount(0);

  // A coordinator of a verified group reviews it: adds the English translation and publishes.
  // Stories are reviewed by admins and the reviewers they name, not by every group's coordinator.
  const groupCoordinator = await coordinator(browser, mailbox);
  await groupCoordinator.page.goto("/");
  await expect(groupCoordinator.page.getByRole("link", { name: "Story review" })).toHaveCount(0);
  await groupCoordinator.done();
  const reviewer = await person(browser, "en-US");
  await signInAs(reviewer.page, mailbox, ADMIN_EMAIL);
  await reviewer.page.goto("/");
  await reviewer.page.getByRole("link", { name: "Story review" }).click();
  await reviewer.page.waitForURL("/admin/stories");
  const review = reviewer.page.getByRole("form", { name: pseudonym });
  await expect(review.getByLabel("Story in Spanish")).toHaveValue(spanish);
  await review.getByLabel("Story in English").fill(english);
  await review.getByRole("button", { name: "Publish" }).click();
  await expect(reviewer.page.getByRole("form", { name: pseudonym })).toHaveCount(0);
  await reviewer.done();

  // An English reader finds it, in English, with the Spanish original a tap away.
  await reader.page.goto("/stories");
  await reader.page.getByRole("link", { name: `${pseudonym}, from Honduras` }).click();
  await reader.page.waitForURL(/\/stories\/[0-9a-f-]{36}$/);
  const storyUrl = reader.page.url();
  await expect(
    reader.page.getByRole("heading", { level: 1, name: `${pseudonym}, from Honduras` }),
  ).toBeVisible();
  await expect(reader.page.getByText(english)).toBeVisible();
  await expect(reader.page.getByText("Translated by a Puente volunteer.")).toBeVisible();
  await expect(reader.page.getByText(spanish)).toBeHidden();
  await reader.page.getByText("Read it as it was written, in Español").click();
  await expect(reader.page.getByText(spanish)).toBeVisible();
  await expect(reader.page.getByText("travelling with Caravana Madre")).toBeVisible();

  // The teller lost the link but kept the code: typed in lower case, it leads to the same question.
  await page.goto("/stories");
  await page
    .getByRole("link", { name: "¿Contaste una historia y quieres retirarla? Usa tu código." })
    .click();
  await page.waitForURL((url) => url.pathname === "/stories/withdraw");
  await page.getByLabel("Tu código").fill(code.toLowerCase().match(/.{4}/g)!.join(" "));
  await page.getByRole("button", { name: "Seguir" }).click();
  await page.waitForURL((url) => url.pathname === new URL(withdrawUrl).pathname);
  // It asks first, and opening it changed nothing.
  await expect(page.getByText(`¿Retirar la historia firmada «${pseudonym}»?`)).toBeVisible();
  await reader.page.reload();
  await expect(
    reader.page.getByRole("heading", { level: 1, name: `${pseudonym}, from Honduras` }),
  ).toBeVisible();

  await page.getByRole("button", { name: "Sí, retirar mi historia" }).click();
  await page.waitForURL((url) => url.pathname === "/stories" && url.searchParams.get("withdrawn") === "1");
  await expect(
    page.getByRole("status").filter({ hasText: "Tu historia fue retirada y borrada." }),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: new RegExp(pseudonym) })).toHaveCount(0);

  // Gone for the reader at once, everywhere.
  const gone = await reader.page.goto(storyUrl);
  expect(gone?.status()).toBe(404);
  await reader.page.goto("/");
  await expect(reader.page.getByText(pseudonym)).toHaveCount(0);
  const api = await reader.page.request.get("/api/trpc/stories.list");
  expect(await api.text()).not.toContain(pseudonym);
  await reader.done();

  // The link has done its work: using it again says so.
  await page.goto(withdrawUrl);
  await expect(page.getByText("Esta historia ya fue retirada.")).toBeVisible();
  // A forged link matches no story.
  const forged = await page.goto(`/stories/withdraw/${"A".repeat(43)}`);
  expect(forged?.status()).toBe(404);
  await expect(
    page.getByRole("heading", { level: 1, name: "Este enlace para retirar una historia no es válido." }),
  ).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false, locale: "en-US" });

  test("a story is told, and withdrawn with its private link", async ({ page }) => {
    await page.goto("/stories/new");
    await page.getByLabel("Name to sign with").fill("Sin JS");
    await page.getByLabel("Country you come from").selectOption({ label: "El Salvador" });
    await page.getByLabel("Your story in English").fill("We walked for thirty days. <b>Not bold</b>");
    await page.getByRole("checkbox", { name: "I have read this and I agree to share my story." }).check();
    await page.getByRole("button", { name: "Send my story" }).click();
    await expect(page.getByRole("heading", { name: "Thank you. Your story was sent." })).toBeVisible();
    const link = page.getByRole("link", { name: "Your private link to withdraw your story" });
    const withdrawUrl = (await link.getAttribute("href"))!;
    expect(withdrawUrl).toMatch(/\/stories\/withdraw\/[0-9A-HJKMNP-TV-Z]{12}$/);
    // The code is there without scripts too; copying and sharing need them, so they are not offered.
    await expect(
      page.getByText("We will not show this code or this link again.", { exact: false }),
    ).toBeVisible();
    await expect(
      page.getByText(withdrawUrl.slice(-12).match(/.{4}/g)!.join("-"), { exact: true }),
    ).toBeVisible();
    await expect(page.getByRole("button", { name: "Copy the link" })).toHaveCount(0);

    await page.goto(withdrawUrl);
    await expect(page.getByText("It has not been published yet.")).toBeVisible();
    await page.getByRole("button", { name: "Yes, withdraw my story" }).click();
    await page.waitForURL((url) => url.pathname === "/stories" && url.searchParams.get("withdrawn") === "1");
    await expect(
      page.getByRole("status").filter({ hasText: "Your story has been withdrawn and deleted." }),
    ).toBeVisible();
  });
});
