// The exact spot of a members-only action reaches its confirmed volunteers only inside the reveal
// window: a volunteer with a place sees "shown from …" until the organizer's window opens, then
// the spot itself. The window is moved by the organizer (the server's clock cannot be).
import { formatInTimeZone, fromZonedTime } from "date-fns-tz";
import { ADMIN_EMAIL, expect, test } from "./fixtures";
import { nameMyself, person, verifiedGroup } from "./people";
import { addShift } from "./organizing";

test.use({ locale: "en-US" });

const zone = "America/Tijuana";
const SPOT = "Bodega azul detrás de la gasolinera, Calle 8";

test("a confirmed volunteer sees a members-only action's exact spot only inside its reveal window", async ({
  page,
  browser,
  mailbox,
  signIn,
}) => {
  const groupName = `Colectivo Frontera ${Date.now().toString(36)}`;
  const title = `Acompañamiento nocturno ${Date.now().toString(36)}`;
  await signIn();
  await nameMyself(page, "Organizer Reveal");
  const groupUrl = await verifiedGroup(page, browser, mailbox, ADMIN_EMAIL, groupName);

  // A Spanish-reading volunteer joins the group and is approved.
  const volunteer = await person(browser, mailbox, { locale: "es-MX" });
  await nameMyself(volunteer.page, "Voluntario Reveal");
  await volunteer.page.goto(groupUrl);
  await volunteer.page.getByRole("button", { name: "Pedir unirme" }).click();
  await expect(volunteer.page.getByText("Pediste unirte.", { exact: false })).toBeVisible();
  await page.goto(groupUrl);
  await page
    .getByRole("region", { name: "Join requests" })
    .getByRole("button", { name: "Approve: Voluntario Reveal" })
    .click();
  await expect(
    page.getByRole("region", { name: "Members" }).getByText("Voluntario Reveal", { exact: true }),
  ).toBeVisible();

  // A members-only action two days from now, its spot revealed 12 hours before (the default). It
  // runs 10:00–13:00 at the border, so its one shift stays on one local day whatever the hour of
  // the run (at 48 hours from a 21:00 run, 3 hours crossed midnight and the shift was refused).
  const day = formatInTimeZone(new Date(Date.now() + 48 * 3_600_000), zone, "yyyy-MM-dd");
  const start = fromZonedTime(`${day}T10:00:00`, zone);
  const end = new Date(start.getTime() + 3 * 3_600_000);
  await page.getByRole("link", { name: "Create an action" }).click();
  await page.waitForURL(/\/actions\/new/);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Who can see it").selectOption({ label: "Members of the group only" });
  await page.getByLabel("Area (shown to everyone who can see the action)").fill("Tijuana centro");
  await page.getByLabel(/^Exact place/).fill(SPOT);
  await expect(page.getByLabel(/^Hours before the start/)).toHaveValue("12");
  await page.getByLabel("Starts on").fill(formatInTimeZone(start, zone, "yyyy-MM-dd"));
  await page.getByLabel("Start time").fill(formatInTimeZone(start, zone, "HH:mm"));
  await page.getByLabel("Ends on").fill(formatInTimeZone(end, zone, "yyyy-MM-dd"));
  await page.getByLabel("End time").fill(formatInTimeZone(end, zone, "HH:mm"));
  await page.getByRole("button", { name: "Create an action" }).click();
  await page.waitForURL(/\/actions\/[0-9a-f-]+\/manage\?created=1/);
  const manageUrl = new URL(page.url()).pathname;
  await addShift(page, {
    role: "Acompañantes",
    date: formatInTimeZone(start, zone, "yyyy-MM-dd"),
    from: formatInTimeZone(start, zone, "HH:mm"),
    until: formatInTimeZone(end, zone, "HH:mm"),
    places: 4,
  });

  // The volunteer takes a place: the spot is not on the page yet, only when it will be.
  const actionUrl = manageUrl.replace(/\/manage$/, "");
  await volunteer.page.goto(actionUrl);
  await volunteer.page.getByRole("button", { name: "Inscribirme: Acompañantes" }).click();
  await expect(volunteer.page.getByText("Tienes lugar.")).toBeVisible();
  await volunteer.page.reload();
  await expect(
    volunteer.page.getByText(/el lugar exacto se muestra aquí, y se te envía por correo/),
  ).toBeVisible();
  await expect(volunteer.page.getByText(SPOT, { exact: false })).toHaveCount(0);

  // The organizer opens the window a week ahead: now the volunteer sees the spot.
  await page.goto(manageUrl);
  await page.getByText("Edit details").click();
  await page.getByLabel(/^Hours before the start/).fill("168");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Saved.", { exact: true })).toBeVisible();
  await volunteer.page.reload();
  await expect(volunteer.page.getByText(SPOT, { exact: false })).toBeVisible();
  await volunteer.done();
});
