// A group's life: someone creates it, an admin verifies it, a Spanish-reading volunteer asks to
// join and is approved, and the coordinator makes them an organizer. Three people, three browsers.
import { ADMIN_EMAIL, expect, test } from "./fixtures";
import { nameMyself, person } from "./people";

test.use({ locale: "en-US" });

test("a group is created, verified, joined by a Spanish reader and given a new organizer", async ({
  page,
  browser,
  mailbox,
  signIn,
}) => {
  const groupName = `Brigada Fronteriza ${Date.now().toString(36)}`;

  // The creator, reading English.
  await signIn();
  await nameMyself(page, "Coordinator E2E");
  await page.goto("/groups");
  await page.getByRole("link", { name: "Create a group" }).click();
  await page.waitForURL("/groups/new");

  // Bad input is refused next to the field, and what was typed stays.
  await page.getByLabel("City").fill("Tijuana");
  await page.getByRole("button", { name: "Create a group" }).click();
  await expect(page.getByText("Use at least 3 characters.")).toBeVisible();
  await expect(page.getByLabel("City")).toHaveValue("Tijuana");
  await expect(page.getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Name", { exact: true }).fill(groupName);
  await page.getByLabel("Kind").selectOption({ label: "Human rights" });
  await page.getByLabel("Country").selectOption({ label: "Mexico" });
  await page.getByLabel("State or region").fill("Baja California");
  await page.getByLabel("Description in Spanish").fill("Acompañamos a las caravanas en Tijuana.");
  await page.getByLabel("Public contact").fill("brigada@example.org");
  await page.getByRole("button", { name: "Create a group" }).click();
  await page.waitForURL(/\/groups\/brigada-fronteriza-/);
  await expect(page.getByRole("heading", { level: 1, name: groupName })).toBeVisible();
  await expect(page.getByText("Your group is created.", { exact: false })).toBeVisible();
  await expect(page.getByText("Not yet verified")).toBeVisible();
  const groupUrl = new URL(page.url()).pathname;

  // Not in the directory before an admin verifies it.
  await page.goto(`/groups?q=${encodeURIComponent(groupName)}`);
  await expect(page.getByRole("link", { name: groupName })).toHaveCount(0);

  // The admin verifies it.
  const admin = await person(browser, mailbox, { locale: "en-US", email: ADMIN_EMAIL });
  await admin.page.goto("/admin/groups");
  const vetting = admin.page.getByRole("form", { name: groupName });
  await vetting.getByRole("button", { name: "Verify" }).click();
  await expect(admin.page.getByRole("form", { name: groupName })).toHaveCount(0);
  await admin.done();

  // A volunteer who reads Spanish finds it and asks to join.
  const volunteer = await person(browser, mailbox, { locale: "es-MX" });
  await nameMyself(volunteer.page, "Voluntaria E2E");
  await volunteer.page.goto(`/groups?q=${encodeURIComponent(groupName)}`);
  await volunteer.page.getByRole("link", { name: groupName }).click();
  await volunteer.page.waitForURL(groupUrl);
  await expect(volunteer.page.getByText("✓ Verificado")).toBeVisible();
  await volunteer.page.getByRole("button", { name: "Pedir unirme" }).click();
  await expect(volunteer.page.getByText("Pediste unirte.", { exact: false })).toBeVisible();

  // The coordinator approves the request, then makes the volunteer an organizer.
  await page.goto(groupUrl);
  const requests = page.getByRole("region", { name: "Join requests" });
  await requests.getByRole("button", { name: "Approve: Voluntaria E2E" }).click();
  const members = page.getByRole("region", { name: "Members" });
  await expect(members.getByText("Voluntaria E2E", { exact: true })).toBeVisible();
  await expect(requests.getByText("Nobody is waiting to join.")).toBeVisible();
  await members.getByRole("combobox", { name: "Role of Voluntaria E2E" }).selectOption("organizer");
  await members.getByRole("button", { name: "Change: Role of Voluntaria E2E" }).click();
  // The role as the list states it once the change is saved (the menu beside it names every role).
  await expect(
    members
      .getByRole("listitem")
      .filter({ hasText: "Voluntaria E2E" })
      .getByText("· organizer", { exact: true }),
  ).toBeVisible();

  // The volunteer sees their new role, in Spanish, and now answers join requests too.
  await volunteer.page.reload();
  await expect(volunteer.page.getByText("Eres organizador/a de este grupo.")).toBeVisible();
  await expect(volunteer.page.getByRole("region", { name: "Solicitudes para unirse" })).toBeVisible();
  await volunteer.done();
});

test("the last coordinator cannot leave the group", async ({ page, signIn }) => {
  await signIn();
  await page.goto("/groups/new");
  const groupName = `Colectivo Solo ${Date.now().toString(36)}`;
  await page.getByLabel("Name", { exact: true }).fill(groupName);
  await page.getByLabel("Kind").selectOption({ label: "Community" });
  await page.getByLabel("Country").selectOption({ label: "United States" });
  await page.getByLabel("City").fill("El Paso");
  await page.getByLabel("State or region").fill("Texas");
  await page.getByRole("button", { name: "Create a group" }).click();
  await page.waitForURL(/\/groups\/colectivo-solo-/);

  await page.getByRole("button", { name: "Leave group" }).click();
  await page.getByRole("button", { name: "Yes, leave" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "A group needs at least one coordinator." }),
  ).toBeVisible();
  await page.reload();
  await expect(page.getByText("Your role in this group: coordinator.")).toBeVisible();
});
