// An organizer's steps that many journeys begin with: an action created from their group's page,
// then its shifts, through the same forms a person uses (English labels).
import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

export interface NewAction {
  title: string;
  /** Shown to everyone who can see the action. */
  area: string;
  /** Shown only to confirmed volunteers. */
  exactPlace?: string;
  /** yyyy-mm-dd and hh:mm, in the action's time zone. */
  date: string;
  start: string;
  end: string;
  endDate?: string;
  /** The label of a meeting point to tie the action to, as the form offers it ("Name · Status"). */
  meetingPoint?: string;
}

export interface NewShift {
  role: string;
  date: string;
  from: string;
  until: string;
  places: number;
}

/**
 * From the page of a group the signed-in organizer organizes: creates the action and leaves them
 * on its management page. Returns the action's public address.
 */
export async function createAction(page: Page, action: NewAction): Promise<string> {
  await page.getByRole("link", { name: "Create an action" }).click();
  await page.waitForURL(/\/actions\/new/);
  await page.getByLabel("Title").fill(action.title);
  await page.getByLabel("Area (shown to everyone who can see the action)").fill(action.area);
  if (action.exactPlace) await page.getByLabel(/^Exact place/).fill(action.exactPlace);
  await page.getByLabel("Starts on").fill(action.date);
  await page.getByLabel("Ends on").fill(action.endDate ?? action.date);
  await page.getByLabel("Start time").fill(action.start);
  await page.getByLabel("End time").fill(action.end);
  if (action.meetingPoint)
    await page.getByLabel("Meeting point").selectOption({ label: action.meetingPoint });
  await page.getByRole("button", { name: "Create an action" }).click();
  await page.waitForURL(/\/actions\/[0-9a-f-]+\/manage\?created=1/);
  return new URL(page.url()).pathname.replace(/\/manage$/, "");
}

/** On an action's management page: adds a shift, and waits until it is listed. */
export async function addShift(page: Page, shift: NewShift): Promise<void> {
  const form = page.getByRole("region", { name: "Add a shift" });
  await form.getByLabel("Role").fill(shift.role);
  await form.getByLabel("Date").fill(shift.date);
  await form.getByLabel("From").fill(shift.from);
  await form.getByLabel("Until").fill(shift.until);
  await form.getByLabel("Places").fill(String(shift.places));
  await form.getByRole("button", { name: "Add a shift" }).click();
  await expect(page.getByRole("region", { name: shift.role })).toBeVisible();
}
