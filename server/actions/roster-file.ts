// An action's roster as a spreadsheet for its organizers, in the reader's language: headers and
// statuses translated, contact details only where volunteers allowed (roster() applies that).
import { spreadsheetCsv } from "../csv";
import type { Locale } from "../i18n/locale";
import { translator } from "../i18n/messages";
import type { roster } from "./signups";

type Roster = Awaited<ReturnType<typeof roster>>;

export function rosterFile(
  shifts: readonly { id: string; role: string }[],
  rows: Roster,
  locale: Locale,
): string {
  const t = translator(locale, "rosterFile");
  const shiftNames = new Map(shifts.map((s) => [s.id, s.role]));
  return spreadsheetCsv([
    [t("shift"), t("name"), t("status"), t("waitlistPosition"), t("email"), t("phone")],
    ...rows.map((row) => [
      shiftNames.get(row.shiftId) ?? "",
      row.name ?? "",
      t(`statuses.${row.status}`),
      row.position ?? "",
      row.email ?? "",
      row.phone ?? "",
    ]),
  ]);
}
