// What needs me now, at a glance: a volunteer who reads Spanish, with a shift and an urgent
// message not yet read, opens Puente and finds both on their home, and reaches each in one tap;
// the coordinator's overview shows the shift's fill rate.
import { ADMIN_EMAIL, expect, test } from "./fixtures";
import { nameMyself, person, verifiedGroup } from "./people";
import { addShift, createAction } from "./organizing";

test.use({ locale: "en-US" });
const phone = { width: 390, height: 844 };

test("a volunteer sees their next shift and an urgent unread message on their home, in Spanish, one tap from each", async ({
  page,
  browser,
  mailbox,
  signIn,
}) => {
  // Three people, a vetting and four sign-ins on a loaded machine.
  test.setTimeout(480_000);
  const run = Date.now().toString(36);
  const title = `Bienvenida en El Chaparral ${run}`;
  const subject = `Cambio de punto de reunión ${run}`;
  const day = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);

  // A coordinator with a verified group makes an action with a shift of three places.
  await signIn();
  await nameMyself(page, "Coordinadora Inicio E2E");
  const groupUrl = await verifiedGroup(page, browser, mailbox, ADMIN_EMAIL, `Casa Inicio ${run}`);
  await page.goto(groupUrl);
  const actionUrl = await createAction(page, {
    title,
    area: "Garita El Chaparral, Tijuana",
    date: day,
    start: "09:00",
    end: "13:00",
  });
  await addShift(page, { role: "Mesa de bienvenida", date: day, from: "09:00", until: "13:00", places: 3 });

  // A volunteer on a phone, reading Spanish, joins the group and takes a place on the shift.
  const volunteer = await person(browser, mailbox, { locale: "es-MX", viewport: phone });
  await nameMyself(volunteer.page, "Voluntaria E2E");
  await volunteer.page.goto(groupUrl);
  await volunteer.page.getByRole("button", { name: "Pedir unirme" }).click();
  // The request is stored before the coordinator looks for it (a slow machine answers late).
  await expect(volunteer.page.getByText("Pediste unirte.", { exact: false })).toBeVisible();
  await page.goto(groupUrl);
  await page
    .getByRole("region", { name: "Join requests" })
    .getByRole("button", { name: "Approve: Voluntaria E2E" })
    .click();
  await expect(
    page.getByRole("region", { name: "Members" }).getByText("Voluntaria E2E", { exact: true }),
  ).toBeVisible();
  await volunteer.page.goto(actionUrl);
  await volunteer.page.getByRole("button", { name: "Inscribirme: Mesa de bienvenida" }).click();
  await expect(volunteer.page.getByText("Tienes lugar.")).toBeVisible();

  // The coordinator sends the group an urgent message.
  await page.goto("/messages/new");
  await page.getByLabel(`Casa Inicio ${run}`).check();
  await page.getByLabel("Subject in Spanish").fill(subject);
  await page.getByLabel("Message in Spanish").fill("Nos vemos en la entrada oeste, no en la plaza.");
  await page.getByLabel(/^Urgent/).check();
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await page.waitForURL(/\/inbox\/[0-9a-f-]{36}$/);

  // Opening Puente, the volunteer lands on their home, in Spanish, and both are there.
  const home = volunteer.page;
  await home.goto("/");
  await home.waitForURL("/home");
  await expect(home).toHaveDocumentLanguage("es");
  await expect(home.getByRole("heading", { level: 1, name: "Hola, Voluntaria E2E" })).toBeVisible();
  const waiting = home.getByRole("list", { name: "Pendiente" });
  const message = waiting.getByRole("link", { name: new RegExp(subject) });
  await expect(message).toContainText("Urgente");
  const shifts = home.getByRole("list", { name: "Tus próximos turnos" });
  const shift = shifts.getByRole("link", { name: `${title} · Mesa de bienvenida` });
  await expect(shift).toBeVisible();
  await expect(shifts.getByText("Garita El Chaparral, Tijuana")).toBeVisible();
  await expect(shifts.getByRole("link", { name: `Añadir al calendario: ${title}` })).toHaveAttribute(
    "href",
    `${actionUrl}/ics`,
  );

  // One tap to the message; reading it, it no longer waits.
  await message.click();
  await home.waitForURL(/\/inbox\/[0-9a-f-]{36}$/);
  await expect(home.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect(home.getByRole("link", { name: /sin leer/ })).toHaveCount(0);
  await home.getByRole("navigation", { name: "Principal" }).getByRole("link", { name: "Inicio" }).click();
  await home.waitForURL("/home");
  await expect(home.getByRole("list", { name: "Pendiente" })).toHaveCount(0);
  await expect(home.getByText("Nada te necesita ahora", { exact: false })).toBeVisible();

  // One tap to the shift's action.
  await shift.click();
  await home.waitForURL(actionUrl);
  await expect(home.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await volunteer.done();

  // The coordinator's overview shows the shift a third full, standing out.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" }).click();
  await page.waitForURL("/coordinate");
  const action = page.getByRole("article", { name: title });
  await expect(action.getByText("1 of 3 places (33%) · under half full")).toBeVisible();
});
