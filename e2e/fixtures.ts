// What every e2e test shares: the SMTP server that receives the app's emails, the SMSC that
// receives its texts, signing in through the mailbox, fresh email addresses, a `page` that is
// checked with axe wherever it goes, and matchers.
import { randomBytes } from "node:crypto";
import { test as base, expect as baseExpect, type Page } from "@playwright/test";
import { checkAccessibilityOnNavigation, expectAccessible } from "./accessibility";
import { Mailbox } from "./mailbox";
import { startSmsc, type TestSmsc } from "../test-support/smpp-server";
import { SMSC_PORT, SMTP_PORT } from "./settings";

export { expectAccessible };
export { signInLinkIn } from "./mailbox";
export { ADMIN_EMAIL } from "./settings";

/** An address no other test (or earlier run against the same database) has used. */
export function newEmail(): string {
  return `e2e-${randomBytes(6).toString("hex")}@example.org`;
}

// Labels in both languages, so signing in works whatever locale a test runs in.
const EMAIL_LABEL = /^(Email address|Correo electrónico)$/;
const SEND_LINK = /^(Email me a sign-in link|Enviarme un enlace para entrar)$/;
const CHECK_EMAIL = /^(Check your email|Revisa tu correo)$/;

export const expect = baseExpect.extend({
  /** The language the document declares in `<html lang>`. */
  async toHaveDocumentLanguage(page: Page, language: string) {
    const assertionName = "toHaveDocumentLanguage";
    let actual: string | null = null;
    let pass: boolean;
    try {
      // The root element has no role to find it by: this is the one place a tag name is used.
      await baseExpect(page.locator("html")).toHaveAttribute("lang", language, { timeout: this.timeout });
      pass = true;
      actual = language;
    } catch {
      pass = false;
      actual = await page.locator("html").getAttribute("lang");
    }
    return {
      pass,
      name: assertionName,
      expected: language,
      actual,
      message: () =>
        `${this.utils.matcherHint(assertionName, undefined, undefined, { isNot: this.isNot })}\n\n` +
        `Expected <html lang>: ${this.utils.printExpected(language)}\n` +
        `Received <html lang>: ${this.utils.printReceived(actual)}`,
    };
  },
});

interface TestFixtures {
  /**
   * Asks for a sign-in link for `email` on the sign-in page, as a person would, and returns the
   * link from the email the test's SMTP server received.
   */
  requestSignInLink: (email: string) => Promise<string>;
  /**
   * Signs `page` in through the emailed link, as a new person unless `email` names someone
   * already known. Ends on the page the link leads to. Returns the address used.
   */
  signIn: (email?: string) => Promise<string>;
}

interface WorkerFixtures {
  mailbox: Mailbox;
  /** The SMSC the app sends texts to; started for every worker, as the app binds to it at once. */
  smsc: TestSmsc;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  mailbox: [
    async ({}, provide) => {
      const mailbox = new Mailbox(SMTP_PORT);
      await mailbox.start();
      await provide(mailbox);
      await mailbox.stop();
    },
    { scope: "worker" },
  ],

  smsc: [
    async ({}, provide) => {
      const smsc = await startSmsc({ port: SMSC_PORT });
      await provide(smsc);
      await smsc.close();
    },
    { scope: "worker", auto: true },
  ],

  page: async ({ page, javaScriptEnabled }, provide, testInfo) => {
    const accessibility = checkAccessibilityOnNavigation(page, {
      javaScriptEnabled: javaScriptEnabled !== false,
    });
    await provide(page);
    // A test that already failed has told its story; more noise would only hide it.
    if (testInfo.status === testInfo.expectedStatus) await accessibility.finish();
  },

  requestSignInLink: async ({ page, mailbox }, provide) => {
    await provide(async (email) => {
      await page.goto("/signin");
      await page.getByLabel(EMAIL_LABEL).fill(email);
      await page.getByRole("button", { name: SEND_LINK }).click();
      await expect(page.getByRole("heading", { level: 1, name: CHECK_EMAIL })).toBeVisible();
      await expectAccessible(page);
      return mailbox.waitForSignInLink(email);
    });
  },

  signIn: async ({ page, requestSignInLink }, provide) => {
    await provide(async (email = newEmail()) => {
      await page.goto(await requestSignInLink(email));
      return email;
    });
  },
});
