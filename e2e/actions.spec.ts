// Showing up at the border, on a phone: an organizer makes an action with two shifts, a newcomer
// without an account takes a place from the public page through the emailed link, and the
// organizer checks them in on the day.
import { formatInTimeZone } from "date-fns-tz";
import { checkAccessibilityOnNavigation } from "./accessibility";
import { ADMIN_EMAIL, expect, signInLinkIn, test } from "./fixtures";
import { nameMyself, verifiedGroup } from "./people";
import { addShift, createAction } from "./organizing";

const phone = { width: 390, height: 844 };
test.use({ locale: "en-US", viewport: phone });

const zone = "America/Tijuana";

/** A start soon enough for check-in (it opens 12 hours before) whose shifts stay on one local day. */
function soon() {
  let start = new Date(Date.now() + 60 * 60_000);
  if (Number(formatInTimeZone(start, zone, "H")) >= 20) {
    start = new Date(
      `${formatInTimeZone(new Date(start.getTime() + 6 * 3_600_000), zone, "yyyy-MM-dd")}T08:15:00Z`,
    );
  }
  const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
  const date = (d: Date) => formatInTimeZone(d, zone, "yyyy-MM-dd");
  const time = (d: Date) => formatInTimeZone(d, zone, "HH:mm");
  return { date: date(start), start: time(start), middle: time(at(60)), end: time(at(120)) };
}

test("an organizer makes an action with two shifts, a newcomer signs up by email, and is checked in", async ({
  page,
  browser,
  mailbox,
  signIn,
}) => {
  const title = `Bienvenida en San Ysidro ${Date.now().toString(36)}`;
  const when = soon();

  await signIn();
  await nameMyself(page, "Organizer E2E");
  const groupPath = await verifiedGroup(
    page,
    browser,
    mailbox,
    ADMIN_EMAIL,
    `Red de Acogida ${Date.now().toString(36)}`,
  );
  await page.goto(groupPath);
  const actionUrl = await createAction(page, {
    title,
    area: "San Ysidro, Tijuana",
    exactPlace: "Plaza Viva Tijuana, fuente central",
    date: when.date,
    start: when.start,
    end: when.end,
  });
  const manageUrl = `${actionUrl}/manage`;
  await expect(page).toHaveTitle(new RegExp(`^Manage: ${title}`));
  await addShift(page, {
    role: "Welcome table",
    date: when.date,
    from: when.start,
    until: when.middle,
    places: 2,
  });
  await addShift(page, {
    role: "Interpreters",
    date: when.date,
    from: when.middle,
    until: when.end,
    places: 1,
  });

  // A newcomer on a phone, with no account, asks for a place with a name and an email.
  const context = await browser.newContext({ locale: "en-US", viewport: phone });
  const newcomer = await context.newPage();
  const accessibility = checkAccessibilityOnNavigation(newcomer, { javaScriptEnabled: true });
  await newcomer.goto(actionUrl);
  await expect(newcomer.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(newcomer.getByText("0 of 2 places taken")).toBeVisible();
  const noAccount = newcomer.getByRole("region", { name: "No account? Sign up with your email" });
  await noAccount.getByLabel("Shift").selectOption({ index: 0 });
  await noAccount.getByLabel("Your name (a nickname is fine)").fill("Newcomer E2E");
  const email = `e2e-newcomer-${Date.now().toString(36)}@example.org`;
  await noAccount.getByLabel("Your email").fill(email);
  await noAccount.getByRole("button", { name: "Email me the link" }).click();
  await newcomer.waitForURL((url) => url.pathname === `${actionUrl}/sent`);
  // The page names the shift the link will confirm, not just "check your email".
  await expect(newcomer.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
  await expect(newcomer.getByText(`confirm your place on “Welcome table”`, { exact: false })).toContainText(
    title,
  );
  await newcomer.goto(signInLinkIn(await mailbox.waitForEmail(email)));
  await newcomer.waitForURL((url) => url.pathname === actionUrl);
  await expect(newcomer.getByText("You have a place.")).toBeVisible();
  await expect(newcomer.getByText("Plaza Viva Tijuana, fuente central", { exact: false })).toBeVisible();
  // Giving the place up says so, and nothing on the page reads like a signup ("Done." did).
  await newcomer.getByRole("button", { name: "Cancel my place" }).click();
  await newcomer.getByRole("button", { name: "Yes, give it up" }).click();
  await expect(newcomer.getByText("You gave up your place on this shift.", { exact: false })).toBeVisible();
  await expect(newcomer.getByText("You have a place.")).toHaveCount(0);
  await expect(newcomer.getByText("Done.")).toHaveCount(0);
  await newcomer.getByRole("button", { name: "Sign up: Welcome table" }).click();
  await expect(newcomer.getByText("You have a place.")).toBeVisible();
  await accessibility.finish();
  await context.close();

  // The organizer checks the newcomer in.
  await page.goto(manageUrl);
  const welcome = page.getByRole("region", { name: "Welcome table" });
  await expect(welcome.getByText("Newcomer E2E")).toBeVisible();
  await welcome.getByRole("button", { name: "Came: Newcomer E2E" }).click();
  await expect(welcome.getByText("· attended")).toBeVisible();
});
