// The forms around a decision, through the pages people use: an admin names a story reviewer from
// /admin/reviewers (who then shortlists the proposals); a coordinator opens a decision naming a
// second coordinator and a 24-hour window for the caravans (a refused window keeps the form as it
// was filled in); a group's organizer edits their proposal, on a phone, while another group's
// organizer is offered no link, finds no page and is refused by the API.
import { formatInTimeZone } from "date-fns-tz";
import { ADMIN_EMAIL, expect, test } from "./fixtures";
import { nameMyself, person, verifiedGroup } from "./people";
import { BASE_URL } from "./settings";
import { pickPlace } from "./places";

test.use({ locale: "en-US" });
const phone = { width: 360, height: 800 };

test("an admin names a reviewer, a decision names its coordinators and window, and only its group edits a proposal", async ({
  page,
  browser,
  mailbox,
  signIn,
}) => {
  test.setTimeout(600_000);
  const run = Date.now().toString(36);

  // Two coordinators, each of a verified group.
  await signIn();
  const nameA = `Coordinadora A ${run}`;
  await nameMyself(page, nameA);
  const groupA = `Frontera Unida ${run}`;
  const groupAPath = await verifiedGroup(page, browser, mailbox, ADMIN_EMAIL, groupA);
  const second = await person(browser, mailbox, { locale: "en-US", viewport: phone });
  const nameB = `Coordinator B ${run}`;
  await nameMyself(second.page, nameB);
  const groupB = `Casa del Norte ${run}`;
  await verifiedGroup(second.page, browser, mailbox, ADMIN_EMAIL, groupB);

  // An admin finds a volunteer by their email address and makes them a reviewer, asked first.
  const volunteer = await person(browser, mailbox, { locale: "en-US" });
  const reviewerName = `Revisora ${run}`;
  await nameMyself(volunteer.page, reviewerName);
  const admin = await person(browser, mailbox, { locale: "en-US", email: ADMIN_EMAIL });
  await admin.page.goto("/");
  await admin.page.getByRole("link", { name: "Reviewers" }).click();
  await admin.page.waitForURL(/\/admin\/reviewers/);
  await expect(admin.page.getByRole("heading", { level: 1, name: "Story reviewers" })).toBeVisible();
  await admin.page.getByLabel("Email address or name").fill(volunteer.email);
  await admin.page.getByRole("button", { name: "Search" }).click();
  const found = admin.page.getByRole("list", { name: "People found" });
  await expect(found.getByText(reviewerName)).toBeVisible();
  // The address is shown masked, never whole.
  await expect(found).not.toContainText(volunteer.email);
  await found.getByRole("button", { name: "Make reviewer" }).click();
  await expect(found.getByText(`Make ${reviewerName} a story reviewer?`)).toBeVisible();
  await found.getByRole("button", { name: "Yes, make reviewer" }).click();
  const current = admin.page.getByRole("region", { name: "Current reviewers" });
  await expect(current.getByText(reviewerName)).toBeVisible();
  await expect(found.getByText("Reviewer already")).toBeVisible();
  await admin.done();

  // Nobody else has the page.
  await second.page.goto("/admin/reviewers");
  await expect(second.page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();

  // The first group proposes two points; the new reviewer shortlists them.
  const first = `Plaza Hidalgo ${run}`;
  const other = `Parque Chamizal ${run}`;
  const proposals: string[] = [];
  for (const [name, crossing, town] of [
    [first, "Nogales", "Nogales"],
    [other, "El Paso–Ciudad Juárez", "Ciudad Juárez"],
  ] as const) {
    await page.goto("/meeting-points/new");
    await page.getByLabel("Name of the place").fill(name);
    await page.getByLabel("Crossing").selectOption({ label: crossing });
    await pickPlace(page, "Town or city", town);
    await page.getByLabel("Capacity").fill("800");
    await page.getByRole("button", { name: "Propose a meeting point" }).click();
    await page.waitForURL(/\/meeting-points\/[0-9a-f-]{36}$/);
    proposals.push(new URL(page.url()).pathname);
  }
  for (const path of proposals) {
    await volunteer.page.goto(path);
    await volunteer.page.getByRole("button", { name: "Shortlist" }).click();
    await expect(volunteer.page.getByText("Shortlisted", { exact: true })).toBeVisible();
  }
  await volunteer.done();

  // The coordinator opens a decision between them, naming the second coordinator. A window of 0
  // hours is refused on its field, and nothing else they filled in is lost.
  await page.goto("/decisions/new");
  const question = `Where do we meet? ${run}`;
  await page.getByLabel("Question").fill(question);
  const options = page.getByRole("group", { name: "Options (shortlisted meeting points)" });
  for (const box of await options.getByRole("checkbox").all()) {
    const label = (await box.evaluate((input) => input.parentElement?.textContent)) ?? "";
    if (!label.includes(run)) await box.uncheck();
  }
  const closes = new Date(Date.now() + 26 * 3_600_000);
  await page.getByLabel("Closes on").fill(formatInTimeZone(closes, "America/Tijuana", "yyyy-MM-dd"));
  await page.getByLabel("Closing time").fill("18:00");
  await page.getByLabel("Quorum (ballots needed)").fill("2");
  const coordinators = page.getByRole("group", { name: "Coordinators of this decision" });
  await expect(coordinators.getByRole("checkbox", { name: `${nameA} (${groupA})` })).toHaveCount(0);
  const coordinatorB = coordinators.getByRole("checkbox", { name: `${nameB} (${groupB})` });
  await coordinatorB.check();
  const hours = page.getByLabel("Hours the caravans have to ratify the result");
  await expect(hours).toHaveValue("48");
  await hours.fill("0");
  await page.getByRole("button", { name: "Open a decision" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "Some of what you entered needs fixing.",
  );
  await expect(hours).toHaveAttribute("aria-invalid", "true");
  await expect(coordinatorB).toBeChecked();
  await expect(page.getByLabel("Question")).toHaveValue(question);
  await expect(options.getByRole("checkbox", { name: new RegExp(first) })).toBeChecked();
  await hours.fill("24");
  await page.getByRole("button", { name: "Open a decision" }).click();
  await page.waitForURL(/\/decisions\/[0-9a-f-]{36}$/);
  const decisionPath = new URL(page.url()).pathname;
  const runBy = page.getByText(/^Run by: /);
  await expect(runBy).toContainText(nameA);
  await expect(runBy).toContainText(nameB);
  await expect(
    page.getByText(
      "If the count names a winner, the caravans that took part will have 24 hours to ratify it.",
    ),
  ).toBeVisible();
  await second.page.goto(decisionPath);
  await expect(second.page.getByText(/^Run by: /)).toContainText(nameB);

  // An organizer of the first group, on a phone, proposes a third place and edits it.
  const organizer = await person(browser, mailbox, { locale: "en-US", viewport: phone });
  const organizerName = `Organizadora ${run}`;
  await nameMyself(organizer.page, organizerName);
  await organizer.page.goto(groupAPath);
  await organizer.page.getByRole("button", { name: "Ask to join" }).click();
  await expect(organizer.page.getByText("You asked to join.", { exact: false })).toBeVisible();
  await page.goto(groupAPath);
  await page
    .getByRole("region", { name: "Join requests" })
    .getByRole("button", { name: `Approve: ${organizerName}` })
    .click();
  const members = page.getByRole("region", { name: "Members" });
  await members.getByRole("combobox", { name: `Role of ${organizerName}` }).selectOption("organizer");
  await members.getByRole("button", { name: `Change: Role of ${organizerName}` }).click();
  // Their group's page says so once the change is stored.
  await expect(async () => {
    await organizer.page.goto(groupAPath);
    await expect(organizer.page.getByText("Your role in this group: organizer.")).toBeVisible({
      timeout: 1_000,
    });
  }).toPass({ timeout: 30_000 });

  const third = `Iglesia San Judas ${run}`;
  await organizer.page.goto("/meeting-points/new");
  await organizer.page.getByLabel("Name of the place").fill(third);
  // No crossing and no place are filled in for them: a proposal names both.
  await expect(organizer.page.getByLabel("Crossing")).toHaveValue("");
  await expect(organizer.page.getByRole("combobox", { name: "Town or city" })).toHaveValue("");
  await organizer.page.getByLabel("Crossing").selectOption({ label: "San Ysidro–Tijuana" });
  await pickPlace(organizer.page, "Town or city", "tijuana");
  await organizer.page.getByLabel("Capacity").fill("300");
  await organizer.page.getByRole("button", { name: "Propose a meeting point" }).click();
  await organizer.page.waitForURL(/\/meeting-points\/[0-9a-f-]{36}$/);
  const thirdPath = new URL(organizer.page.url()).pathname;
  await organizer.page.getByRole("link", { name: "Edit this proposal" }).click();
  await organizer.page.waitForURL(`${thirdPath}/edit`);
  await expect(organizer.page.getByLabel("Name of the place")).toHaveValue(third);
  await organizer.page.getByLabel("Safety notes (in Spanish)").fill("Salida por la calle Juárez.");
  await organizer.page.getByLabel("Capacity").fill("0");
  await organizer.page.getByRole("button", { name: "Save the changes" }).click();
  await expect(organizer.page.getByLabel("Capacity")).toHaveAttribute("aria-invalid", "true");
  await expect(organizer.page.getByLabel("Safety notes (in Spanish)")).toHaveValue(
    "Salida por la calle Juárez.",
  );
  await organizer.page.getByLabel("Capacity").fill("950");
  await organizer.page.getByLabel("Legal observers available").check();
  await organizer.page.getByRole("button", { name: "Save the changes" }).click();
  await organizer.page.waitForURL(`${thirdPath}?edited=1`);
  await expect(organizer.page.getByRole("status").filter({ hasText: "Changes saved." })).toBeVisible();
  await expect(organizer.page.getByText("room for 950 people")).toBeVisible();
  await organizer.done();

  // The other group's coordinator sees the proposal but no way to edit it, finds no edit page,
  // and the API refuses them.
  await second.page.goto(thirdPath);
  await expect(second.page.getByRole("heading", { level: 1, name: third })).toBeVisible();
  await expect(second.page.getByRole("link", { name: "Edit this proposal" })).toHaveCount(0);
  await second.page.goto(`${thirdPath}/edit`);
  await expect(second.page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  // Their own group's id (from their proposal form) with the other group's point.
  await second.page.goto("/meeting-points/new");
  const ownGroupId = await second.page.getByLabel("Proposed by the group").inputValue();
  const pointId = thirdPath.split("/").pop()!;
  const forged = await second.page.request.post(`${BASE_URL}/api/trpc/meetingPoints.update`, {
    headers: { origin: BASE_URL, "content-type": "application/json" },
    data: {
      json: {
        meetingPointId: pointId,
        groupId: ownGroupId,
        details: {
          name: `Lugar Falso ${run}`,
          crossing: "nogales",
          side: "US",
          latitude: 31.33,
          longitude: -110.94,
          capacity: 5,
        },
      },
    },
  });
  expect(forged.status()).toBe(403);
  await second.page.goto(thirdPath);
  await expect(second.page.getByText("room for 950 people")).toBeVisible();
  await second.done();
});
