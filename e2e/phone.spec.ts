// Every page, on a 360×740 phone in Spanish, as each kind of person in the demo data: nothing
// scrolls sideways, and every target a finger must hit is at least 44×44 CSS px (WCAG 2.5.5).
//
// A person's pages are found by walking their links from their starting places, one page per route
// (one action, one group, one message…), so a new page is checked as soon as something links to it.
// Each page is measured as it opens, then again with every disclosure (<details>) open. On the
// maps, every label must be 12 px or more, inside the map and clear of the others.
//
// A target is a link, button, field, <summary> or anything else focusable; a checkbox or radio is
// measured by its label (the label is what a finger hits). Exempt, as WCAG 2.5.8 exempts them:
// links inline in running text (a link inside a paragraph that has other words too), whose size
// is set by the line of text around them; and what is visually hidden (the skip link until focused).
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import type { Mailbox } from "./mailbox";

const phone = { width: 360, height: 740 };
const MIN = 44;

test.use({ locale: "es-MX", viewport: phone });

/** Who walks, and where they start: each demo person's own places, then whatever those link to. */
const people: { who: string; email?: string; start: string[]; reaches: string[] }[] = [
  {
    who: "a signed-out visitor",
    start: ["/", "/actions", "/groups", "/stories", "/stories/new", "/caravans", "/meeting-points"].concat([
      "/decisions",
      "/signin",
      "/stories/withdraw",
    ]),
    reaches: [
      "/actions/:id",
      "/groups/:id",
      "/stories/:id",
      "/caravans/:id",
      "/meeting-points/:id",
      "/decisions/:id",
    ],
  },
  // A member of two groups and coordinator of one: a volunteer's pages.
  {
    who: "a volunteer",
    email: "dan@puente.example.org",
    start: ["/home", "/me", "/inbox", "/actions"],
    reaches: ["/actions/:id", "/groups/:id", "/caravans/:id", "/decisions/:id", "/needs"],
  },
  // Organizer of one group, coordinator of another, with an urgent message unread.
  {
    who: "an organizer",
    email: "kevin@puente.example.org",
    start: ["/home", "/inbox", "/coordinate"],
    reaches: ["/inbox/:id", "/actions/:id/manage", "/groups/:id/edit", "/decisions/:id", "/messages/new"],
  },
  // A group coordinator who also reviews stories and proposals.
  {
    who: "a coordinator",
    email: "lupe@puente.example.org",
    start: ["/home", "/coordinate", "/needs", "/messages/new", "/decisions", "/admin/stories"],
    reaches: [
      "/inbox/:id",
      "/actions/:id/manage",
      "/groups/:id/edit",
      "/decisions/:id",
      "/meeting-points/new",
    ],
  },
  {
    who: "a caravan delegate",
    email: "ana@puente.example.org",
    start: ["/home", "/caravans", "/needs"],
    reaches: ["/caravans/:id", "/caravans/:id/report", "/decisions/:id", "/meeting-points/:id"],
  },
  {
    who: "an admin",
    email: "admin@puente.example.org",
    start: ["/home", "/admin/groups", "/admin/audit", "/admin/retention", "/admin/reviewers"],
    reaches: ["/admin/stories", "/decisions/new", "/caravans/new", "/groups/:id"],
  },
];

// Not pages: files, feeds, the API, and links that act (sign out, language).
const NOT_PAGES = /^\/(api|calendar|language)(\/|$)|\.(csv|ics)$|\/ics$|\/export$/;

/** /actions/3f2a… and /actions/9c1b… are one route: ids and slugs become ":id". */
function route(path: string): string {
  const parts = path.split("/");
  return parts
    .map((part, i) => {
      if (i < 2 || part === "") return part;
      const known = ["new", "edit", "manage", "report", "sent", "withdraw", "error", "stories", "groups"];
      if (i === 2 && known.includes(part)) return part;
      if (i === 3 && known.includes(part)) return part;
      return ":id";
    })
    .join("/");
}

test.describe("on a 360 px phone", () => {
  for (const { who, email, start, reaches } of people) {
    test(`${who}: no page scrolls sideways and every target is at least 44×44`, async ({
      browser,
      mailbox,
    }) => {
      test.setTimeout(180_000);
      const { page, close } = await open(browser, mailbox, email);
      try {
        const { problems, walked } = await walk(page, start);
        await test.info().attach("pages walked", { body: walked.join("\n"), contentType: "text/plain" });
        // The walk found the pages that matter for this person (a real action, message, ballot…).
        expect(walked, `routes walked as ${who}`).toEqual(expect.arrayContaining(reaches));
        if (process.env.PUENTE_SCREENSHOTS && email === "lupe@puente.example.org") await headerShots(page);
        expect(
          problems,
          `on a ${phone.width}×${phone.height} phone, as ${who}:\n${problems.join("\n")}\n`,
        ).toEqual([]);
      } finally {
        await close();
      }
    });
  }
});

async function open(browser: Browser, mailbox: Mailbox, email: string | undefined) {
  const context = await browser.newContext({ locale: "es-MX", viewport: phone });
  const page = await context.newPage();
  if (email) {
    await page.goto("/signin");
    await page.getByLabel("Correo electrónico").fill(email);
    await page.getByRole("button", { name: "Enviarme un enlace para entrar" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Revisa tu correo" })).toBeVisible();
    await page.goto(await mailbox.waitForSignInLink(email));
  }
  return { page, close: () => context.close() };
}

/** Visits one page per route reachable from `start`; returns what is wrong, page by page. */
async function walk(page: Page, start: string[]): Promise<{ problems: string[]; walked: string[] }> {
  const origin = new URL(test.info().project.use.baseURL!).origin;
  const queue = [...start];
  const seen = new Set<string>();
  const problems: string[] = [];
  while (queue.length > 0) {
    const next = queue.shift()!;
    const path = new URL(next, origin).pathname;
    if (seen.has(route(path)) || NOT_PAGES.test(path)) continue;
    seen.add(route(path));
    const response = await page.goto(next, { waitUntil: "load" });
    const landed = new URL(page.url());
    // Pages this person may not open send them elsewhere; that page is checked on its own route.
    if (landed.pathname !== path) {
      seen.add(route(landed.pathname));
    }
    if (!response || response.status() >= 400) {
      problems.push(`  ${next}: answered ${response?.status()}`);
      continue;
    }
    const where = landed.pathname + landed.search;
    for (const found of await measure(page, false)) problems.push(`  ${where}: ${found}`);
    for (const found of await measure(page, true)) problems.push(`  ${where} (disclosures open): ${found}`);
    const links = await page.evaluate(() =>
      // SVG links too: their href is an attribute, not a string property.
      [...document.querySelectorAll("a[href]")].map(
        (a) => new URL(a.getAttribute("href")!, location.href).href,
      ),
    );
    for (const href of links) {
      const url = new URL(href);
      if (url.origin !== origin) continue;
      if (!seen.has(route(url.pathname)) && !NOT_PAGES.test(url.pathname))
        queue.push(url.pathname + url.search);
    }
  }
  return { problems, walked: [...seen].sort() };
}

/** Horizontal overflow and small targets on the page as it is (with every <details> open if asked). */
async function measure(page: Page, openDisclosures: boolean): Promise<string[]> {
  return page.evaluate(
    ({ min, openDisclosures }) => {
      if (openDisclosures) {
        const closed = [...document.querySelectorAll("details:not([open])")];
        if (closed.length === 0) return [];
        for (const details of closed) details.setAttribute("open", "");
      }
      const found: string[] = [];
      const root = document.documentElement;
      if (root.scrollWidth > root.clientWidth) {
        const wide = [...document.body.querySelectorAll("*")]
          .filter((element) => element.getBoundingClientRect().right > root.clientWidth + 0.5)
          .slice(-3)
          .map(describe);
        found.push(`scrolls sideways: ${root.scrollWidth} px wide, past the edge: ${wide.join(", ")}`);
      }
      // A map's labels: readable (12 px at least), whole (not cut at the map's edge) and apart.
      for (const map of document.querySelectorAll<SVGSVGElement>("svg[data-map]")) {
        const frame = map.getBoundingClientRect();
        const scale = frame.width / map.viewBox.baseVal.width;
        const labels = [...map.querySelectorAll("text")]
          .map((text) => ({ text: text.textContent ?? "", box: text.getBoundingClientRect(), element: text }))
          .filter(({ box }) => box.width > 0);
        for (const [i, { text, box, element }] of labels.entries()) {
          const size = parseFloat(getComputedStyle(element).fontSize) * scale;
          if (size < 12 - 0.05) found.push(`map label "${text}" is ${size.toFixed(1)} px`);
          const outside =
            box.left < frame.left - 0.5 ||
            box.right > frame.right + 0.5 ||
            box.top < frame.top - 0.5 ||
            box.bottom > frame.bottom + 0.5;
          if (outside) {
            found.push(`map label "${text}" is cut off at the map's edge`);
          }
          for (const other of labels.slice(i + 1)) {
            const apart =
              box.right <= other.box.left + 1 ||
              other.box.right <= box.left + 1 ||
              box.bottom <= other.box.top + 1 ||
              other.box.bottom <= box.top + 1;
            if (!apart) found.push(`map labels "${text}" and "${other.text}" overlap`);
          }
        }
      }
      const targets = document.querySelectorAll<HTMLElement>(
        'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="link"], [tabindex]:not([tabindex="-1"])',
      );
      for (const target of targets) {
        if (!visible(target)) continue;
        if (inlineInText(target)) continue;
        let box = target.getBoundingClientRect();
        let measured: Element = target;
        if (target instanceof HTMLInputElement && (target.type === "checkbox" || target.type === "radio")) {
          const label = target.closest("label") ?? target.labels?.[0];
          if (label) {
            box = label.getBoundingClientRect();
            measured = label;
          }
        }
        if (box.width < min - 0.5 || box.height < min - 0.5) {
          found.push(
            `${describe(measured)} is ${Math.round(box.width)}×${Math.round(box.height)}` +
              (measured === target ? "" : ` (label of ${describe(target)})`),
          );
        }
      }
      return found;

      function visible(element: HTMLElement): boolean {
        const box = element.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) return false;
        const style = getComputedStyle(element);
        if (style.visibility === "hidden" || style.display === "none") return false;
        // Visually hidden (Tailwind's sr-only): 1×1 and clipped.
        if (box.width <= 1 && box.height <= 1) return false;
        return element.checkVisibility?.() ?? true;
      }

      /** A link in a paragraph of running text: the paragraph has words besides the link's. */
      function inlineInText(element: HTMLElement): boolean {
        if (element.tagName !== "A") return false;
        const paragraph = element.closest("p");
        if (!paragraph) return false;
        const own = (element.textContent ?? "").trim().length;
        const all = (paragraph.textContent ?? "").trim().length;
        return all > own;
      }

      function describe(element: Element): string {
        const tag = element.tagName.toLowerCase();
        const id = element.id ? `#${element.id}` : "";
        const href = element.getAttribute("href");
        const name =
          element.getAttribute("aria-label") ??
          (element as HTMLInputElement).name ??
          (element.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
        return `<${tag}${id}${href ? ` href="${href}"` : ""}> "${name || (element.textContent ?? "").trim().slice(0, 40)}"`;
      }
    },
    { min: MIN, openDisclosures },
  );
}

/**
 * The README's pictures of the header on a phone, in Spanish, closed and with "Más" open:
 * `PUENTE_SCREENSHOTS=1 npx playwright test e2e/phone.spec.ts -g coordinator` writes them.
 */
async function headerShots(page: Page) {
  const folder = path.join(import.meta.dirname, "..", "docs", "screenshots");
  await page.goto("/home");
  const header = page.getByRole("banner");
  await header.screenshot({ path: path.join(folder, "header.png") });
  await header.getByText(/^Más/).click();
  const menu = header.getByRole("list", { name: "Más" });
  await expect(menu).toBeVisible();
  const bottom = await menu.evaluate((element) => element.getBoundingClientRect().bottom);
  await page.screenshot({
    path: path.join(folder, "header-more.png"),
    clip: { x: 0, y: 0, width: phone.width, height: Math.ceil(bottom) + 12 },
  });
}
