// CSV that people open in spreadsheets: one place for the guard against formula injection.
import { stringify, type Options } from "csv-stringify/sync";

/** Cells starting with = + - @ (or a tab or return) get a leading ', so a spreadsheet never runs them. */
export function spreadsheetCsv(records: unknown[], options: Options = {}): string {
  return stringify(records, {
    ...options,
    cast: { string: (value) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value) },
  });
}
