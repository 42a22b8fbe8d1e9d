// CSV that people open in spreadsheets: one place for the guard against formula injection.
import { stringify, type Options } from "csv-stringify/sync";

/** Cells starting with = + - @ (or a tab or return) get a leading ', so a spreadsheet never runs them. */
export function spreadsheetCsv(records: unknown[], options: Options = {}): string {
  return stringify(records, {
    ...options,
    cast: { string: (value) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value) },
  });
}

/**
 * A CSV download, never cached. It starts with a byte-order mark: without one, Excel reads the file
 * in the machine's legacy code page and "Recepción" comes out garbled; LibreOffice and csv-parse
 * (`bom: true`) take it too.
 */
export function csvDownload(csv: string, filename: string): Response {
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "private, no-store",
    },
  });
}
