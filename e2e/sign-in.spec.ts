// Signing in by an emailed link: a newcomer's first visit, staying signed in, signing out, links
// that work only once, and the administrator named in the configuration.
import { ADMIN_EMAIL, expect, newEmail, signInLinkIn, test } from "./fixtures";
import { person } from "./people";

test.use({ locale: "en-US" });

test("a newcomer signs in with the emailed link, names themselves, stays signed in and signs out", async ({
  page,
  mailbox,
}) => {
  const email = newEmail();
  const nav = page.getByRole("navigation", { name: "Main" });

  await page.goto("/");
  await page.getByRole("link", { name: "Sign in", exact: true }).click();
  await page.waitForURL("/signin");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await page.waitForURL((url) => url.pathname === "/signin/sent");
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

  const message = await mailbox.waitForEmail(email);
  expect(message.subject).toBe("Your sign-in link for Puente");
  await page.goto(signInLinkIn(message));

  // A newcomer is welcomed on their account page and asked for a name.
  await expect(page).toHaveURL((url) => url.pathname === "/me" && url.searchParams.get("welcome") === "1");
  await expect(page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Welcome to Puente!" })).toBeVisible();
  await page.getByLabel("Display name").fill("Rosa E2E");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Signed in as Rosa E2E" })).toBeVisible();

  await page.reload();
  await expect(nav.getByRole("link", { name: "Signed in as Rosa E2E" })).toBeVisible();
  await expect(page.getByLabel("Display name")).toHaveValue("Rosa E2E");

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.waitForURL("/");
  await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
  await expect(nav.getByRole("link", { name: /Signed in as/ })).toHaveCount(0);
});

test("a sign-in link works only once", async ({ page, requestSignInLink }) => {
  const link = await requestSignInLink(newEmail());

  await page.goto(link);
  await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();

  // Someone else who got hold of the link, on another device.
  await page.context().clearCookies();
  await page.goto(link);
  await expect(page).toHaveURL(/\/signin\/error/);
  await expect(page.getByRole("heading", { name: "That sign-in link did not work" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out", exact: true })).toHaveCount(0);
});

test("the address named in PUENTE_ADMIN_EMAILS becomes an administrator when it signs in", async ({
  page,
  signIn,
}) => {
  await signIn(ADMIN_EMAIL);
  await page.goto("/me");
  await expect(page.getByRole("main")).toContainText("You are an administrator of this Puente.");
});

test("someone else's address does not make an administrator", async ({ page, signIn }) => {
  await signIn();
  await page.goto("/me");
  await expect(page.getByRole("heading", { name: "My account" })).toBeVisible();
  await expect(page.getByRole("main")).not.toContainText("You are an administrator");
});

test("someone who lost their phone signs out everywhere from another device, after a confirmation", async ({
  page,
  browser,
  mailbox,
  signIn,
}) => {
  const email = await signIn();
  // The lost phone: the same account, signed in on another device.
  const phone = await person(browser, mailbox, { locale: "en-US", email });
  await phone.page.goto("/me");
  await expect(phone.page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();

  await page.goto("/me");
  const ask = page.getByRole("button", { name: "Sign out everywhere" });
  const question = page.getByRole("group", { name: "Sign out on every device, including this one?" });
  await ask.click();
  await expect(question).toBeVisible();
  // Changing one's mind changes nothing.
  await question.getByRole("button", { name: "Cancel" }).click();
  await expect(question).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();

  await ask.click();
  await question.getByRole("button", { name: "Yes, sign out everywhere" }).click();
  await page.waitForURL("/");
  await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();

  // Whoever holds the phone now is signed out too.
  await phone.page.goto("/me");
  await phone.page.waitForURL(/\/signin\?callbackUrl=%2Fme|\/signin\?callbackUrl=\/me/);
  await expect(phone.page.getByRole("button", { name: "Sign out", exact: true })).toHaveCount(0);
  await phone.done();
});
