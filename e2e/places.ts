// Choosing a place with the place picker (app/_forms/place-picker.tsx): type the first letters,
// then tap the town in the list.
import type { Locator, Page } from "@playwright/test";

export async function pickPlace(
  scope: Page | Locator,
  label: string | RegExp,
  typed: string,
  option?: RegExp,
) {
  await scope.getByRole("combobox", { name: label }).fill(typed);
  const list = scope.getByRole("listbox", { name: label });
  await (option ? list.getByRole("option", { name: option }) : list.getByRole("option").first()).click();
}
