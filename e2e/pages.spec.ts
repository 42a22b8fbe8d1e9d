// What a visitor finds without an account, and what the account page says when a profile is not
// right yet, in the reader's language.
import { expect, test } from "./fixtures";

test.describe("a signed-out visitor", () => {
  test.use({ locale: "en-US" });

  test("finds on the home page what Puente is and an invitation to take part", async ({ page }) => {
    await page.goto("/");
    await expect(
      page.getByRole("heading", { level: 1, name: "Meet the caravans at the border, together and safely" }),
    ).toBeVisible();
    await expect(page.getByRole("heading", { name: "What the caravans asked for" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Find a group" })).toHaveAttribute("href", "/groups");
    await expect(page.getByRole("link", { name: "Sign in to take part" })).toHaveAttribute("href", "/signin");
  });

  test("finds the directory of verified groups", async ({ page }) => {
    await page.goto("/groups");
    await expect(page.getByRole("heading", { level: 1, name: "Groups" })).toBeVisible();
    await expect(page.getByRole("search").getByLabel("Search by name or place")).toBeEditable();
    // A fresh PostgreSQL database has no groups; the embedded one starts with demo groups.
    const results = page.getByRole("list", { name: "Groups found" });
    const empty = page.getByRole("status").filter({ hasText: "No verified groups match." });
    await expect(results.or(empty)).toBeVisible();
  });

  test("is told a group that does not exist is not found", async ({ page }) => {
    const response = await page.goto("/groups/does-not-exist");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Go to the home page" })).toBeVisible();
  });

  test("is asked to sign in before seeing their account", async ({ page }) => {
    await page.goto("/me");
    const url = new URL(page.url());
    expect(url.pathname).toBe("/signin");
    expect(url.searchParams.get("callbackUrl")).toBe("/me");
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    await expect(page.getByLabel("Email address")).toBeVisible();
  });
});

test.describe("a visitor without JavaScript", () => {
  test.use({ locale: "en-US", javaScriptEnabled: false });

  test("searches the groups directory", async ({ page }) => {
    const query = "no such group anywhere";
    await page.goto("/groups");
    const search = page.getByRole("search");
    await search.getByLabel("Search by name or place").fill(query);
    await search.getByRole("button", { name: "Search" }).click();

    await page.waitForURL((url) => url.pathname === "/groups" && url.searchParams.get("q") === query);
    await expect(page.getByLabel("Search by name or place")).toHaveValue(query);
    await expect(
      page.getByRole("status").filter({ hasText: "No verified groups match. Try fewer filters." }),
    ).toBeVisible();
  });
});

const profileErrors = [
  {
    locale: "en-US",
    name: "Display name",
    save: "Save profile",
    required: "This is required.",
  },
  {
    locale: "es-MX",
    name: "Nombre visible",
    save: "Guardar perfil",
    required: "Este dato es obligatorio.",
  },
];

for (const { locale, name, save, required } of profileErrors) {
  test.describe(`a person reading in ${locale}`, () => {
    test.use({ locale });

    test(`is told "${required}" when saving an empty display name`, async ({ page, signIn }) => {
      await signIn();
      await page.goto("/me");
      const displayName = page.getByLabel(name);
      await displayName.fill("");
      await page.getByRole("button", { name: save }).click();

      await expect(displayName).toHaveAttribute("aria-invalid", "true");
      await expect(displayName).toHaveAccessibleDescription(new RegExp(escapeRegExp(required)));
    });
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
