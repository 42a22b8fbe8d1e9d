// More than one person in a test: each in a browser of their own, signed in through the emailed
// link, with their pages checked for accessibility like the test's own `page`.
import type { Browser, Page } from "@playwright/test";
import { checkAccessibilityOnNavigation } from "./accessibility";
import { expect, expectAccessible, newEmail, signInLinkIn } from "./fixtures";
import type { Mailbox } from "./mailbox";

export async function person(
  browser: Browser,
  mailbox: Mailbox,
  options: {
    locale: string;
    email?: string;
    viewport?: { width: number; height: number };
    timezoneId?: string;
  },
) {
  const email = options.email ?? newEmail();
  const context = await browser.newContext({
    locale: options.locale,
    viewport: options.viewport,
    ...(options.timezoneId && { timezoneId: options.timezoneId }),
  });
  const page = await context.newPage();
  const accessibility = checkAccessibilityOnNavigation(page, { javaScriptEnabled: true });
  await page.goto("/signin");
  await page.getByLabel(/^(Email address|Correo electrónico)$/).fill(email);
  await page
    .getByRole("button", { name: /^(Email me a sign-in link|Enviarme un enlace para entrar)$/ })
    .click();
  // The page is reached by a client-side navigation: wait for its content (and its title) before
  // checking it, rather than for the URL, which changes first.
  await expect(
    page.getByRole("heading", { level: 1, name: /^(Check your email|Revisa tu correo)$/ }),
  ).toBeVisible();
  await expect(page).toHaveTitle(/\S/);
  await expectAccessible(page);
  await page.goto(signInLinkIn(await mailbox.waitForEmail(email)));
  return {
    page,
    email,
    done: async () => {
      await accessibility.finish();
      await context.close();
    },
  };
}

export async function nameMyself(page: Page, name: string) {
  await page.goto("/me");
  await page.getByLabel(/^(Display name|Nombre visible)$/).fill(name);
  await page.getByRole("button", { name: /^(Save profile|Guardar perfil)$/ }).click();
  await expect(page.getByText(/^(Saved\.|Guardado\.)$/)).toBeVisible();
}

/** Creates a group as the signed-in `page` and has the e2e admin verify it. Returns its path. */
export async function verifiedGroup(
  page: Page,
  browser: Browser,
  mailbox: Mailbox,
  adminEmail: string,
  name: string,
) {
  await page.goto("/groups/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Kind").selectOption({ label: "Human rights" });
  await page.getByLabel("Country").selectOption({ label: "Mexico" });
  await page.getByLabel("City").fill("Tijuana");
  await page.getByLabel("State or region").fill("Baja California");
  await page.getByRole("button", { name: "Create a group" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/groups/") && url.pathname !== "/groups/new");
  const path = new URL(page.url()).pathname;
  const admin = await person(browser, mailbox, { locale: "en-US", email: adminEmail });
  await admin.page.goto("/admin/groups");
  await admin.page.getByRole("form", { name }).getByRole("button", { name: "Verify" }).click();
  await expect(admin.page.getByRole("form", { name })).toHaveCount(0);
  await admin.done();
  return path;
}
