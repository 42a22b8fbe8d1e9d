// A signed-out reader's public pages come from one cache shared by every reader (server/front/
// page-cache.ts): a write shows on the very next request, each language keeps its own page, and
// what a signed-in person is shown never reaches anyone else.
import { expect, test } from "./fixtures";
import { person } from "./people";

/** The places taken on every shift of an action page, in either language (as text, not the meter's label). */
function placesTaken(html: string): number {
  const counts = [...html.matchAll(/(?<!")(\d+) (?:of|de) \d+ (?:places taken|lugares ocupados)/g)];
  expect(counts.length).toBeGreaterThan(0);
  return counts.reduce((sum, [, taken]) => sum + Number(taken), 0);
}

test("a public page kept for signed-out readers shows a signup on the next request, in both languages, and nothing personal", async ({
  browser,
  mailbox,
  playwright,
  baseURL,
}) => {
  // Signed-out readers: no cookie at all, one in Spanish and one in English.
  const reader = await playwright.request.newContext({ baseURL });
  const read = async (path: string, language: string) => {
    const response = await reader.get(path, { headers: { "accept-language": language } });
    expect(response.status(), path).toBe(200);
    return { headers: response.headers(), html: await response.text() };
  };

  // An action with a place free: the demo has some; other tests of the lane may have added actions
  // with no shift yet, or full ones, ahead of them in the list.
  const list = await read("/actions", "es-MX,es;q=0.9");
  let actionPath: string | undefined;
  for (const path of new Set(list.html.match(/\/actions\/[0-9a-f-]{36}/g) ?? [])) {
    const { html } = await read(path, "es-MX,es;q=0.9");
    const shifts = [...html.matchAll(/(?<!")(\d+) de (\d+) lugares ocupados/g)];
    if (shifts.some(([, taken, capacity]) => Number(taken) < Number(capacity))) {
      actionPath = path;
      break;
    }
  }
  expect(actionPath, "an action on /actions with a place free").toBeTruthy();
  const spanish = await read(actionPath!, "es-MX,es;q=0.9");
  const english = await read(actionPath!, "en-US,en;q=0.9");
  expect(spanish.html).toContain('<html lang="es"');
  expect(english.html).toContain('<html lang="en"');
  const before = placesTaken(spanish.html);
  expect(placesTaken(english.html)).toBe(before);
  // Read twice, the page is the same page: kept, with no script and so no nonce to reuse.
  expect((await read(actionPath!, "es-MX,es;q=0.9")).html).toBe(spanish.html);
  for (const { headers } of [spanish, english]) {
    expect(headers["content-security-policy"]).toContain("script-src 'none'");
    expect(headers["content-security-policy"]).not.toContain("nonce-");
    expect(headers["set-cookie"]).toBeUndefined();
    for (const name of ["Cookie", "Accept-Language", "Accept-Encoding"]) expect(headers.vary).toContain(name);
  }

  // A volunteer signs in and takes a place.
  const volunteer = await person(browser, mailbox, { locale: "en-US" });
  await volunteer.page.goto(actionPath!);
  await volunteer.page
    .getByRole("button", { name: /^Sign up: / })
    .first()
    .click();
  await expect(volunteer.page.getByText("You have a place.")).toBeVisible();
  // Their own page of the same address is theirs, with its scripts: not the kept one.
  const theirs = await volunteer.page.content();
  expect(theirs).toContain("<script");

  // The very next signed-out request, in either language, counts the new place.
  const spanishAfter = await read(actionPath!, "es-MX,es;q=0.9");
  const englishAfter = await read(actionPath!, "en-US,en;q=0.9");
  expect(placesTaken(spanishAfter.html)).toBe(before + 1);
  expect(placesTaken(englishAfter.html)).toBe(before + 1);
  // And nothing of the volunteer: not their place, not their address, not their way to give it up.
  for (const { html } of [spanishAfter, englishAfter]) {
    expect(html).not.toContain(volunteer.email);
    expect(html).not.toMatch(/You have a place|Tienes lugar|Cancel my place|Dejar mi lugar/);
    expect(html).not.toContain("<script");
  }
  await volunteer.done();
  await reader.dispose();
});
