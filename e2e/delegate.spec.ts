// A caravan's delegate decides with the groups, on a 360 px phone in Spanish: their home shows the
// caravan (latest report and its age, needs and pledges, the ballot) and reports where it is in one
// form; on the decision they read a group's objection, raise the caravan's own, and vote; they
// write to the groups on the caravan line. The US group's coordinator who opened the decision finds
// no way to lift the caravan's objection, and the API refuses a forged one. The count falls to the
// next option and the delegate ratifies it. A signed-out reader sees no candidate while it is open.
// Set-up that is not under test (the caravan, its report and pledge, the proposals, the shortlist,
// the decision) goes through the API, as the same people.
import type { Page } from "@playwright/test";
import { formatInTimeZone } from "date-fns-tz";
import { ADMIN_EMAIL, expect, test } from "./fixtures";
import { nameMyself, person, verifiedGroup } from "./people";
import { BASE_URL } from "./settings";
import { pickPlace } from "./places";

test.use({ locale: "en-US" });
const phone = { width: 360, height: 780 };

/** A call to the API as the person signed in on `page`, from Puente's own origin. */
async function post(page: Page, path: string, input: unknown) {
  return page.request.post(`/api/trpc/${path}`, { data: { json: input }, headers: { origin: BASE_URL } });
}
async function mutate<T>(page: Page, path: string, input: unknown): Promise<T> {
  const response = await post(page, path, input);
  expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
  return (await response.json()).result.data.json as T;
}
async function query<T>(page: Page, path: string, input: unknown): Promise<T> {
  const response = await page.request.get(
    `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
  );
  expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
  return (await response.json()).result.data.json as T;
}

test("a caravan's delegate reads and raises objections, votes, writes to the groups and ratifies, from a phone in Spanish", async ({
  page,
  browser,
  mailbox,
  signIn,
}) => {
  // Four people sign in, a group is vetted, and the decision runs to its closing: minutes.
  test.setTimeout(900_000);
  const run = Date.now().toString(36);
  const caravanName = `Caravana del Istmo ${run}`;
  const place = `Juchitán ${run}`;
  const groupName = `Border Solidarity ${run}`;
  const first = `Parque Binacional ${run}`;
  const second = `Garita Oriente ${run}`;
  const question = `¿Dónde nos encontramos? ${run}`;
  const groupReason = `Retenes en la carretera hacia la garita ${run}`;
  const caravanReason = `Nos dijeron que hay hombres armados cerca ${run}`;

  // A US group's coordinator, with a verified group, proposes two points and adds the caravan, with
  // a report asking for water and a pledge against it.
  await signIn();
  await nameMyself(page, "US Coordinator E2E");
  await verifiedGroup(page, browser, mailbox, ADMIN_EMAIL, groupName);
  const { groups } = await query<{ groups: { groupId: string; name: string }[] }>(page, "groups.mine", {});
  const groupId = groups.find((g) => g.name === groupName)!.groupId;
  const points: string[] = [];
  for (const [name, crossing, latitude, longitude] of [
    [first, "nogales", 31.33, -110.94],
    [second, "el_paso_juarez", 31.75, -106.49],
  ] as const) {
    const details = { name, crossing, side: "US", latitude, longitude, capacity: 800 };
    points.push((await mutate<{ id: string }>(page, "meetingPoints.propose", { groupId, details })).id);
  }
  const [firstId, secondId] = points as [string, string];
  const caravanId = (
    await mutate<{ id: string }>(page, "caravans.create", {
      details: {
        name: caravanName,
        origin: "HN",
        departureDate: "2026-10-12",
        estimatedSize: 1200,
        status: "in_transit",
      },
    })
  ).id;
  await mutate(page, "caravans.report", {
    caravanId,
    groupId,
    placeName: place,
    latitude: 16.43,
    longitude: -95.02,
    headcount: 850,
    needs: [{ kind: "water", quantity: 900, note: "litros al día" }],
  });
  const { caravan } = await query<{ caravan: { latestNeeds: { id: string }[] } }>(page, "caravans.get", {
    caravanId,
  });
  await mutate(page, "needs.pledge", {
    groupId,
    needId: caravan.latestNeeds[0]!.id,
    what: "Garrafones de agua",
    quantity: 300,
    byDate: "2026-12-20",
  });

  // The delegate signs in once, on a phone in Spanish; an admin shortlists the points and names them.
  const delegate = await person(browser, mailbox, { locale: "es-MX", viewport: phone });
  await nameMyself(delegate.page, "Delegada Istmo E2E");
  const admin = await person(browser, mailbox, { locale: "en-US", email: ADMIN_EMAIL });
  for (const meetingPointId of points)
    await mutate(admin.page, "meetingPoints.shortlist", { meetingPointId });
  await mutate(admin.page, "caravans.addDelegate", { caravanId, email: delegate.email });
  await admin.done();

  // The coordinator opens the decision (closing in a few minutes), objects to the second point for
  // the group, and ranks it first.
  const closes = new Date(Date.now() + 4 * 60_000);
  const decisionId = (
    await mutate<{ id: string }>(page, "decisions.open", {
      question,
      method: "irv",
      meetingPointIds: points,
      timeZone: "America/Tijuana",
      closesDate: formatInTimeZone(closes, "America/Tijuana", "yyyy-MM-dd"),
      closesTime: formatInTimeZone(closes, "America/Tijuana", "HH:mm"),
      quorum: 2,
    })
  ).id;
  const decisionPath = `/decisions/${decisionId}`;
  await mutate(page, "decisions.raiseObjection", {
    decisionId,
    groupId,
    meetingPointId: secondId,
    reason: groupReason,
  });
  await mutate(page, "decisions.vote", { decisionId, groupId, choices: [secondId, firstId] });

  // A signed-out reader sees that a decision is under way, and no candidate.
  const stranger = await browser.newPage({ locale: "es-MX", viewport: phone });
  for (const path of [decisionPath, "/meeting-points"]) {
    await stranger.goto(path);
    await expect(stranger.getByRole("heading", { level: 1 })).toBeVisible();
    const html = await stranger.content();
    for (const name of [first, second]) expect(html, `${path} hides ${name}`).not.toContain(name);
  }
  await stranger.goto(decisionPath);
  await expect(stranger.getByRole("heading", { level: 1, name: question })).toBeVisible();
  await expect(stranger.getByText(/sus opciones solo las ven quienes deciden/)).toBeVisible();
  await stranger.close();

  // The delegate's home shows the caravan: where it was last and how long ago, its needs and the
  // pledge against them, and the ballot it owes.
  const home = delegate.page;
  await home.goto("/");
  await home.waitForURL("/home");
  await expect(home).toHaveDocumentLanguage("es");
  const panel = home.getByRole("region", { name: `Tu caravana: ${caravanName}` });
  await expect(panel.getByText("Estado: En camino")).toBeVisible();
  await expect(panel.getByText(`${place} · 850 personas`)).toBeVisible();
  await expect(
    panel.getByText(/\(hace \d+ (segundos?|minutos?)\)|\(hace un minuto\)|\(ahora\)/),
  ).toBeVisible();
  await expect(panel.getByText("Agua: 900 · litros al día")).toBeVisible();
  await expect(panel.getByText("300 de 900 comprometido")).toBeVisible();
  await expect(panel.getByText(new RegExp(`^${groupName}: Garrafones de agua \\(300\\)`))).toBeVisible();
  // (The embedded database's demo data has a decision open too: the line of this one.)
  await expect(
    home.getByRole("list", { name: "Pendiente" }).getByRole("listitem").filter({ hasText: question }),
  ).toContainText(`Falta el voto de tu caravana ${caravanName}`);

  // One form reports where the caravan is now: the last town is a hint, never the value.
  const report = panel.getByRole("form", { name: "Reportar dónde estamos" });
  await expect(report.getByRole("combobox", { name: "Pueblo o lugar" })).toHaveValue("");
  await expect(report.getByText(`Último informe: ${place}.`, { exact: false })).toBeVisible();
  await pickPlace(report, "Pueblo o lugar", "Ixtepec", /^Ixtepec, Oaxaca/);
  await report.getByLabel("Cuántas personas (estimación)").fill("830");
  await report.getByRole("button", { name: "Reportar dónde estamos" }).click();
  await expect(panel.getByText(/Ixtepec · 830 personas/)).toBeVisible();
  await expect(panel.getByText("Agua: 900 · litros al día")).toBeVisible();

  // From the home to the decision: the group's objection and its reason are there to read.
  await panel.getByRole("link", { name: `Votar por tu caravana: ${question}` }).click();
  await home.waitForURL(decisionPath);
  const objections = home.getByRole("region", { name: "Objeciones de seguridad" });
  await expect(objections.getByText(`Objeción abierta a ${second}`)).toBeVisible();
  await expect(objections.getByText(groupReason)).toBeVisible();

  // The delegate raises the caravan's own safety objection to the same point, and votes.
  await objections.getByText("Presentar una objeción de seguridad").click();
  await objections.getByLabel("Opción", { exact: true }).selectOption({ label: second });
  await objections.getByLabel(/^¿Qué tiene de inseguro\?/).fill(caravanReason);
  await objections.getByRole("button", { name: "Presentar la objeción" }).click();
  await expect(objections.getByText("Objeción presentada.", { exact: false })).toBeVisible();
  await expect(objections.getByText(caravanReason)).toBeVisible();
  await expect(
    objections.getByText("Objeción de una caravana: solo esa caravana puede retirarla."),
  ).toBeVisible();

  const ballot = home.getByRole("region", { name: `Boleta de ${caravanName}` });
  await expect(ballot.getByText("Tu caravana todavía no ha votado.")).toBeVisible();
  await ballot.getByLabel("Preferencia 1").selectOption({ label: first });
  await ballot.getByRole("button", { name: "Emitir la boleta" }).click();
  await expect(ballot.getByText("Boleta guardada. Los demás votantes no pueden verla.")).toBeVisible();

  // Back home, the caravan has voted; the delegate writes to the groups on the caravan line.
  await home.goto("/home");
  await expect(panel.getByRole("link", { name: `Tu caravana ya votó: ${question}` })).toBeVisible();
  await panel.getByRole("link", { name: "Escribir a los grupos" }).click();
  await home.waitForURL(/\/messages\/new\?voice=line/);
  await expect(home.getByLabel(/^La línea de la caravana/)).toBeChecked();
  await home.getByLabel("Asunto en español").fill(`Llegamos a Juchitán ${run}`);
  await home.getByLabel("Mensaje en español").fill("Somos 830. Necesitamos agua y un lugar seguro.");
  await home.getByRole("button", { name: "Enviar", exact: true }).click();
  await home.waitForURL(/\/inbox\/[0-9a-f-]{36}$/);

  // The coordinator of the group (and of the decision) gets it, and on the decision can resolve the
  // group's objection in writing but is offered nothing to lift the caravan's.
  await page.goto("/inbox");
  await expect(page.getByRole("link", { name: new RegExp(`Llegamos a Juchitán ${run}`) })).toBeVisible();
  await page.goto(decisionPath);
  const theirs = page.getByRole("region", { name: "Safety objections" });
  const caravanObjection = theirs.getByRole("listitem").filter({ hasText: caravanReason });
  await expect(
    caravanObjection.getByText("A caravan's objection: only that caravan can withdraw it."),
  ).toBeVisible();
  await expect(caravanObjection.getByRole("button")).toHaveCount(0);
  await expect(caravanObjection.getByRole("textbox")).toHaveCount(0);
  const groupObjection = theirs.getByRole("listitem").filter({ hasText: groupReason });
  await groupObjection
    .getByLabel("How was it resolved? (shown to everyone)")
    .fill("The shelter checked the road: the checkpoints are gone.");
  await groupObjection.getByRole("button", { name: "Resolve this objection" }).click();
  await expect(groupObjection.getByText(`Resolved objection to ${second}`)).toBeVisible();

  // Forged calls from the coordinator's own session are refused, and the objection stays open.
  const { objections: listed } = await query<{ objections: { id: string; byCaravan: boolean }[] }>(
    page,
    "decisions.get",
    { decisionId },
  );
  const objectionId = listed.find((o) => o.byCaravan)!.id;
  const resolution = "Lifted by a coordinator, who may not.";
  expect((await post(page, "decisions.resolveObjection", { objectionId, resolution })).status()).toBe(403);
  expect(
    (await post(page, "decisions.withdrawObjection", { objectionId, caravanId, resolution })).status(),
  ).toBe(403);
  await page.reload();
  await expect(theirs.getByText(`Open objection to ${second}`)).toBeVisible();
  await expect(theirs.getByText(resolution)).toHaveCount(0);

  // The decision closes by itself; the caravan's objection sets the second point aside and the
  // count falls to the first, which waits for the caravan. The delegate finds it on the home.
  await expect(async () => {
    await home.goto("/home");
    await expect(panel.getByRole("link", { name: `Tu caravana debe ratificar: ${question}` })).toBeVisible({
      timeout: 1_000,
    });
  }).toPass({ timeout: 400_000, intervals: [5_000] });
  await panel.getByRole("link", { name: `Tu caravana debe ratificar: ${question}` }).click();
  await home.waitForURL(`${decisionPath}#ratification`);
  const ratification = home.getByRole("region", { name: "Ratificación de las caravanas" });
  await expect(
    ratification.getByText(`El conteo puso a ${first} en primer lugar`, { exact: false }),
  ).toBeVisible();
  await ratification.getByRole("button", { name: "Sí, ratificamos" }).click();
  await expect(async () => {
    await home.reload();
    await expect(home.getByText(`Elegido: ${first}.`)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000, intervals: [2_000] });
  await delegate.done();
});
