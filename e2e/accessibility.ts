// Every page a test visits is checked with axe: no serious or critical violations. The check runs
// after each page.goto / reload / waitForURL, wherever a test calls expectAccessible, and on the
// page a test ends on; a page reached some other way (a click) and left unchecked fails the test.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

const BLOCKING = new Set(["serious", "critical"]);

interface Watch {
  visited: Set<string>;
  checked: Set<string>;
  javaScriptEnabled: boolean;
}

const watches = new WeakMap<Page, Watch>();

/** Fails, listing each violation and where it is, when axe finds serious or critical problems. */
export async function expectAccessible(page: Page): Promise<void> {
  const watch = watches.get(page);
  // After a client-side navigation the address changes first and the new page's <title> follows
  // a moment later: wait for it (a page that really has none still fails, on axe's document-title).
  await expect(page)
    .toHaveTitle(/\S/, { timeout: 5_000 })
    .catch(() => {});
  const url = page.url();
  const { violations } =
    watch?.javaScriptEnabled === false ? await analyzeCopy(page) : await new AxeBuilder({ page }).analyze();
  const problems = violations
    .filter((violation) => BLOCKING.has(violation.impact ?? ""))
    .map((violation) => {
      const where = violation.nodes
        .slice(0, 5)
        .map((node) => `    element: ${node.target.join(" ")}`)
        .join("\n");
      return `  [${violation.impact}] ${violation.id}: ${violation.help}\n    ${violation.helpUrl}\n${where}`;
    });
  expect(
    problems.length,
    `serious or critical accessibility violations on ${url}:\n${problems.join("\n")}\n`,
  ).toBe(0);
  watch?.checked.add(pageKey(url));
}

/**
 * axe needs JavaScript (its timers never fire in a page with JavaScript off), so a page without
 * it is checked as a copy: its current HTML, served to a page of its own, the app's scripts blocked.
 */
async function analyzeCopy(page: Page) {
  const url = page.url();
  const html = await page.content();
  const browser = page.context().browser();
  if (!browser) throw new Error("Cannot check a page without JavaScript outside a launched browser");
  // Playwright Test gives new contexts the test's options: JavaScript must be turned back on.
  const context = await browser.newContext({ javaScriptEnabled: true, viewport: page.viewportSize() });
  try {
    const copy = await context.newPage();
    await copy.route("**/*", (route) => {
      const request = route.request();
      if (request.isNavigationRequest() && request.url() === url) {
        return route.fulfill({ contentType: "text/html; charset=utf-8", body: html });
      }
      return request.resourceType() === "script" ? route.abort() : route.continue();
    });
    await copy.goto(url);
    return await new AxeBuilder({ page: copy }).analyze();
  } finally {
    await context.close();
  }
}

/** The address of a document, without its fragment: what "a page" means for the bookkeeping. */
function pageKey(url: string): string {
  return url.split("#")[0]!;
}

/**
 * Makes `page` check accessibility after it navigates. Returns what the fixture calls when the
 * test is over: a last check of the current page, then the list of pages nobody checked.
 */
export function checkAccessibilityOnNavigation(
  page: Page,
  { javaScriptEnabled }: { javaScriptEnabled: boolean },
): { finish(): Promise<void> } {
  const watch: Watch = { visited: new Set(), checked: new Set(), javaScriptEnabled };
  watches.set(page, watch);
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame() && /^https?:/.test(frame.url())) watch.visited.add(pageKey(frame.url()));
  });

  const goto = page.goto.bind(page);
  page.goto = async (...args) => {
    const response = await goto(...args);
    await expectAccessible(page);
    return response;
  };
  const reload = page.reload.bind(page);
  page.reload = async (...args) => {
    const response = await reload(...args);
    await expectAccessible(page);
    return response;
  };
  const waitForURL = page.waitForURL.bind(page);
  page.waitForURL = async (...args) => {
    await waitForURL(...args);
    await expectAccessible(page);
  };

  return {
    async finish() {
      if (page.isClosed()) return;
      if (/^https?:/.test(page.url())) await expectAccessible(page);
      const unchecked = [...watch.visited].filter((url) => !watch.checked.has(url));
      expect(
        unchecked,
        "pages visited but never checked for accessibility: wait for them with page.waitForURL() or call expectAccessible(page)",
      ).toEqual([]);
    },
  };
}
