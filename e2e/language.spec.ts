// Puente speaks Spanish and English: the browser's language decides, Spanish when it names
// neither, and the switch in the header overrides both on every page after it.
import { expect, test } from "./fixtures";

const SPANISH_TITLE = "Recibir juntos y con seguridad a las caravanas en la frontera";
const ENGLISH_TITLE = "Meet the caravans at the border, together and safely";

test.describe("a reader whose browser asks for Spanish", () => {
  test.use({ locale: "es-MX" });

  test("reads Puente in Spanish, with a switch to English labelled in English", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: SPANISH_TITLE })).toBeVisible();
    await expect(page).toHaveDocumentLanguage("es");
    await expect(page.getByRole("button", { name: "Read in English" })).toHaveAttribute("lang", "en");
  });

  test("switches to English on the home page and keeps reading English on the groups page", async ({
    page,
  }) => {
    await page.goto("/");
    await page.getByRole("button", { name: "Read in English" }).click();
    await expect(page.getByRole("heading", { level: 1, name: ENGLISH_TITLE })).toBeVisible();
    await expect(page).toHaveDocumentLanguage("en");
    await expect(page.getByRole("button", { name: "Leer en español" })).toHaveAttribute("lang", "es");

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Groups" }).click();
    await page.waitForURL("/groups");
    await expect(page.getByRole("heading", { level: 1, name: "Groups" })).toBeVisible();
    await expect(page).toHaveDocumentLanguage("en");

    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Groups" })).toBeVisible();
    await expect(page).toHaveDocumentLanguage("en");
  });
});

test.describe("a reader whose browser asks for English", () => {
  test.use({ locale: "en-US" });

  test("reads Puente in English by default, with a switch to Spanish labelled in Spanish", async ({
    page,
  }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: ENGLISH_TITLE })).toBeVisible();
    await expect(page).toHaveDocumentLanguage("en");
    await expect(page.getByRole("button", { name: "Leer en español" })).toHaveAttribute("lang", "es");
  });

  test("switches to Spanish on the groups page and keeps reading Spanish on the home page", async ({
    page,
  }) => {
    await page.goto("/groups");
    await page.getByRole("button", { name: "Leer en español" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Grupos" })).toBeVisible();
    await expect(page).toHaveDocumentLanguage("es");

    await page.getByRole("navigation", { name: "Principal" }).getByRole("link", { name: "Inicio" }).click();
    await page.waitForURL("/");
    await expect(page.getByRole("heading", { level: 1, name: SPANISH_TITLE })).toBeVisible();
    await expect(page).toHaveDocumentLanguage("es");
  });
});

test.describe("a reader whose browser asks for neither language", () => {
  test.use({ locale: "fr-FR" });

  test("reads Puente in Spanish, the language most of its readers read first", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: SPANISH_TITLE })).toBeVisible();
    await expect(page).toHaveDocumentLanguage("es");
  });
});
