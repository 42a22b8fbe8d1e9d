// The lists a form sends (ticked checkboxes sharing a name), for a procedure's input and for
// refilling the form after a refusal (./choice.tsx reads them back).
import { textFields } from "./attempt";

/** The form's text fields, with each of `lists` as all its ticked values joined by commas. */
export function listFields(formData: FormData, lists: string[]): Record<string, string> {
  const values = textFields(formData);
  for (const name of lists) values[name] = formData.getAll(name).map(String).join(",");
  return values;
}
