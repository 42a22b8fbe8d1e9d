// Keyset pagination: the condition "after this row" for a list ordered by one or more columns, the
// last of them unique (the id), so that ties on the first are broken the same way on every page.
import { sql, type Column, type SQL } from "drizzle-orm";

/**
 * The rows that come after the row whose values are `values`, in a list ordered by `columns`, all
 * ascending or all descending. One row comparison (`(a, b) > ($1, $2)`) rather than
 * `a > $1 or (a = $1 and b > $2)`: the same rows, and an index on those columns finds the start of
 * the page directly. Each value is sent as its column's type (a Date as a timestamp, …).
 */
export function after(
  columns: readonly [Column, ...Column[]],
  values: readonly unknown[],
  direction: "asc" | "desc" = "asc",
): SQL {
  if (values.length !== columns.length) throw new Error("after: one value per cursor column");
  const row = sql.join(
    columns.map((column) => sql`${column}`),
    sql`, `,
  );
  const cursor = sql.join(
    columns.map((column, i) => sql.param(values[i], column)),
    sql`, `,
  );
  return direction === "asc" ? sql`(${row}) > (${cursor})` : sql`(${row}) < (${cursor})`;
}
