// The word reaches every volunteer in seconds: a coordinator writes an urgent bilingual message to
// their group, a member whose inbox is open sees it arrive without reloading (and gets the email),
// reads it in Spanish, replies, and the coordinator's open message shows the reply, also live.
import { ADMIN_EMAIL, expect, test } from "./fixtures";
import { nameMyself, person, verifiedGroup } from "./people";

test.use({ locale: "en-US" });

test("an urgent bilingual message reaches an open inbox live, and the reply comes back live", async ({
  page,
  browser,
  mailbox,
  signIn,
}) => {
  test.setTimeout(240_000);
  const run = Date.now().toString(36);
  const groupName = `Frontera Unida ${run}`;

  await signIn();
  await nameMyself(page, "Coordinadora E2E");
  const groupUrl = await verifiedGroup(page, browser, mailbox, ADMIN_EMAIL, groupName);

  // A Spanish-reading member joins the group and opens their inbox.
  const member = await person(browser, mailbox, { locale: "es-MX" });
  await nameMyself(member.page, "Miembro E2E");
  await member.page.goto(groupUrl);
  await member.page.getByRole("button", { name: "Pedir unirme" }).click();
  // The request is stored before the coordinator looks for it (a slow machine answers late).
  await expect(member.page.getByText("Pediste unirte.", { exact: false })).toBeVisible();
  await page.goto(groupUrl);
  await page
    .getByRole("region", { name: "Join requests" })
    .getByRole("button", { name: "Approve: Miembro E2E" })
    .click();
  await expect(
    page.getByRole("region", { name: "Members" }).getByText("Miembro E2E", { exact: true }),
  ).toBeVisible();
  await member.page.goto("/inbox");
  await expect(member.page.getByText("Todavía no hay mensajes.")).toBeVisible();

  // The coordinator writes in both languages, counts the recipients, and sends it as urgent.
  await page.goto("/messages/new");
  await page.getByLabel(groupName).check();
  await page.getByLabel("Subject in Spanish").fill(`Garita cerrada ${run}`);
  await page
    .getByLabel("Message in Spanish")
    .fill("Cerraron la garita.\nDetalles: https://example.org/aviso");
  await page.getByLabel("Subject in English").fill(`Crossing closed ${run}`);
  await page.getByLabel("Message in English").fill("The crossing is closed.");
  await page.getByLabel(/^Urgent/).check();
  await page.getByRole("button", { name: "Count recipients" }).click();
  await expect(page.getByText("This message will reach 1 person.")).toBeVisible();
  await expect(page.getByLabel("Subject in Spanish")).toHaveValue(`Garita cerrada ${run}`);
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await page.waitForURL(/\/inbox\/[0-9a-f-]{36}$/);
  const sentAt = Date.now();

  // The member's open inbox shows it within two seconds, without a reload, marked urgent.
  const item = member.page.getByRole("link", { name: new RegExp(`Garita cerrada ${run}`) });
  await expect(item).toBeVisible({ timeout: 2_000 });
  expect(Date.now() - sentAt).toBeLessThan(2_000);
  await expect(item.getByText("Urgente")).toBeVisible();
  await expect(member.page.getByRole("link", { name: /Mensajes\s*1 mensaje sin leer/ })).toBeVisible();

  // The email arrives too, in Spanish first.
  const email = await mailbox.waitForEmail(member.email, { timeout: 20_000 });
  expect(email.text).toContain("Cerraron la garita.");

  // The member reads it in Spanish (English a tap away), the link is a link, and replies.
  await item.click();
  await expect(member.page.getByRole("heading", { level: 1, name: `Garita cerrada ${run}` })).toBeVisible();
  await expect(member.page.getByRole("link", { name: "https://example.org/aviso" })).toBeVisible();
  await member.page.getByText("Leerlo en el otro idioma").click();
  await expect(member.page.getByText("The crossing is closed.", { exact: true })).toBeVisible();
  await member.page.getByLabel("Tu respuesta").fill("Entendido, avisamos a la gente.");
  await member.page.getByRole("button", { name: "Enviar respuesta" }).click();
  await expect(member.page.getByText("Respuesta enviada.")).toBeVisible();

  // The coordinator's open page shows the reply without a reload.
  await expect(page.getByText("Entendido, avisamos a la gente.")).toBeVisible({ timeout: 5_000 });
  await expect(
    page.getByText("1 recipient, with the message in their Puente inbox: 1 read it."),
  ).toBeVisible();
  await member.done();
});
