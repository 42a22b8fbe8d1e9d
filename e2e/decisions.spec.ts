// The million-dollar question, decided together: a coordinator's group proposes two meeting points,
// an admin shortlists them, opens a ranked-choice decision closing two minutes later, two verified groups
// vote (one of them on a phone, one after a refused ballot), the decision closes by itself, and the
// chosen point shows on the map, on its own page and on the landing page; the ballots can be
// downloaded for a recount. A signed-out reader sees no candidate, neither while it is open nor
// once chosen, until the coordinator makes the result public. (Caravan delegates vote once the
// caravans issue lands.)
import { formatInTimeZone } from "date-fns-tz";
import { ADMIN_EMAIL, expect, test } from "./fixtures";
import { nameMyself, person, verifiedGroup } from "./people";
import { pickPlace } from "./places";

test.use({ locale: "en-US" });
const phone = { width: 390, height: 844 };

test("two groups rank the meeting points, the decision closes on time, and the chosen point is on the map", async ({
  page,
  browser,
  mailbox,
  signIn,
}) => {
  test.setTimeout(300_000);
  const run = Date.now().toString(36);
  const first = `Parque Amistad ${run}`;
  const second = `Puente Paso del Norte ${run}`;

  // A coordinator with a verified group proposes two meeting points; an admin shortlists them
  // (before a decision opens, proposals are reviewed by admins and the reviewers they name).
  await signIn();
  await nameMyself(page, "Coordinator E2E");
  const groupA = `Red Fronteriza ${run}`;
  await verifiedGroup(page, browser, mailbox, ADMIN_EMAIL, groupA);
  const proposals: [path: string, name: string][] = [];
  for (const [name, crossing, town] of [
    [first, "Nogales", "Nogales"],
    [second, "El Paso–Ciudad Juárez", "Ciudad Juárez"],
  ] as const) {
    await page.goto("/meeting-points/new");
    await page.getByLabel("Name of the place").fill(name);
    await page.getByLabel("Crossing").selectOption({ label: crossing });
    await pickPlace(page, "Town or city", town);
    await page.getByLabel("Capacity").fill("800");
    await page.getByLabel("Legal observers available").check();
    await page.getByRole("button", { name: "Propose a meeting point" }).click();
    await page.waitForURL(/\/meeting-points\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    // Its own proposers do not review it.
    await expect(page.getByRole("button", { name: "Shortlist" })).toHaveCount(0);
    proposals.push([new URL(page.url()).pathname, name]);
  }
  const admin = await person(browser, mailbox, { locale: "en-US", email: ADMIN_EMAIL });
  for (const [path, name] of proposals) {
    await admin.page.goto(path);
    await expect(admin.page.getByRole("heading", { level: 1, name })).toBeVisible();
    await admin.page.getByRole("button", { name: "Shortlist" }).click();
    await expect(admin.page.getByText("Shortlisted", { exact: true })).toBeVisible();
    await expect(admin.page.getByRole("button", { name: "Shortlist" })).toHaveCount(0);
  }
  await admin.done();

  // A second verified group, whose coordinator votes on a phone.
  const other = await person(browser, mailbox, { locale: "en-US", viewport: phone });
  await nameMyself(other.page, "Second Coordinator E2E");
  const groupB = `Casa Solidaria ${run}`;
  await verifiedGroup(other.page, browser, mailbox, ADMIN_EMAIL, groupB);

  // The decision closes at the next minute but one, in Tijuana's time.
  const closes = new Date(Date.now() + 2 * 60_000);
  await page.goto("/decisions/new");
  await page.getByLabel("Question").fill(`Where do we meet? ${run}`);
  await page.getByLabel("Closes on").fill(formatInTimeZone(closes, "America/Tijuana", "yyyy-MM-dd"));
  await page.getByLabel("Closing time").fill(formatInTimeZone(closes, "America/Tijuana", "HH:mm"));
  await page.getByLabel("Quorum (ballots needed)").fill("2");
  await page.getByRole("button", { name: "Open a decision" }).click();
  await page.waitForURL(/\/decisions\/[0-9a-f-]{36}$/);
  const decisionPath = new URL(page.url()).pathname;

  // A signed-out reader sees the question and the turnout, and no candidate anywhere.
  const stranger = await browser.newPage({ locale: "en-US", viewport: phone });
  await stranger.goto(decisionPath);
  await expect(stranger.getByRole("heading", { level: 1, name: `Where do we meet? ${run}` })).toBeVisible();
  await expect(stranger.getByText("its options are shown only to the people deciding")).toBeVisible();
  for (const path of [decisionPath, "/meeting-points", "/caravans", "/"]) {
    await stranger.goto(path);
    await expect(stranger.locator("body")).not.toContainText(first);
    await expect(stranger.locator("body")).not.toContainText(second);
  }

  // The first group ranks a point twice and is refused, then votes properly.
  const ballotA = page.getByRole("region", { name: `Ballot of ${groupA}` });
  await ballotA.getByLabel("Choice 1", { exact: true }).selectOption({ label: first });
  await ballotA.getByLabel("Choice 2", { exact: true }).selectOption({ label: first });
  await ballotA.getByRole("button", { name: "Cast the ballot" }).click();
  await expect(ballotA.getByRole("alert")).toHaveText("Each meeting point can appear only once on a ballot.");
  await ballotA.getByLabel("Choice 1", { exact: true }).selectOption({ label: second });
  await ballotA.getByLabel("Choice 2", { exact: true }).selectOption({ label: first });
  await ballotA.getByRole("button", { name: "Cast the ballot" }).click();
  await expect(ballotA.getByText("Ballot saved. Other voters cannot see it.")).toBeVisible();

  await other.page.goto(decisionPath);
  const ballotB = other.page.getByRole("region", { name: `Ballot of ${groupB}` });
  await expect(ballotB.getByText("Your group has not voted yet.")).toBeVisible();
  await ballotB.getByLabel("Choice 1", { exact: true }).selectOption({ label: second });
  await ballotB.getByRole("button", { name: "Cast the ballot" }).click();
  await expect(ballotB.getByText("Ballot saved. Other voters cannot see it.")).toBeVisible();

  // Nobody clicks: the decision closes at its time, and the count is there for everyone.
  await expect(async () => {
    await other.page.reload();
    await expect(other.page.getByText(`Chosen: ${second}.`)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 200_000, intervals: [5_000] });
  await expect(other.page.getByRole("heading", { name: "The count, round by round" })).toBeVisible();
  await expect(other.page.getByRole("heading", { name: "Round 1" })).toBeVisible();
  await expect(other.page.getByText("2 votes")).toBeVisible();
  // The recount is explained for people; the command stays folded in "How to recount".
  await expect(other.page.getByText("Anyone can count them again.")).toBeVisible();
  await expect(other.page.getByText(/npm run tally/)).toBeHidden();
  const csv = await other.page.request.get(`${decisionPath}/ballots.csv`);
  expect(csv.ok()).toBe(true);
  expect(await csv.text()).toContain(second);
  await other.done();

  // Chosen, but not public: the signed-out reader still sees no name, and no ballots file.
  await stranger.goto(decisionPath);
  await expect(stranger.getByText("The result is not public")).toBeVisible();
  await expect(stranger.locator("body")).not.toContainText(second);
  expect((await stranger.request.get(`${decisionPath}/ballots.csv`)).status()).toBe(403);

  // The coordinator makes it public at once (the form's default), and everyone sees it.
  await page.goto(decisionPath);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await stranger.goto(decisionPath);
  await expect(stranger.getByText(`Chosen: ${second}.`)).toBeVisible();
  expect((await stranger.request.get(`${decisionPath}/ballots.csv`)).ok()).toBe(true);
  await stranger.close();

  // The chosen point is highlighted on the map, on its page, and on the landing page.
  await page.goto("/meeting-points");
  const chosenMarker = page.getByRole("link", { name: `${second} (Chosen meeting point)` });
  await expect(chosenMarker).toBeVisible();
  await chosenMarker.click();
  await page.waitForURL(/\/meeting-points\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: second })).toBeVisible();
  await expect(page.getByText("This is the meeting point the groups chose together.")).toBeVisible();
  await page.goto("/");
  await expect(page.getByRole("region", { name: "★ The chosen meeting point" })).toContainText(second);
});
