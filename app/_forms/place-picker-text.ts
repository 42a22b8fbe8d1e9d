// The place picker's words in the reader's language (the picker is a client component; Puente's
// catalogs stay on the server).
import "server-only";
import { getTranslations } from "next-intl/server";
import type { PlacePickerText } from "./place-picker";

/**
 * `decimals`: how finely the form's position is kept, and so shown: 1 for a caravan's report
 * (tenths of a degree, about 11 km), 2 for a meeting point (hundredths, about 1 km).
 */
export async function placePickerText(
  label: string,
  { lastPlace, decimals }: { lastPlace?: string; decimals: 1 | 2 },
): Promise<PlacePickerText> {
  const t = await getTranslations("placePicker");
  return {
    label,
    hint: lastPlace ? t("hintLast", { place: lastPlace }) : t("hint"),
    useLocation: t("useLocation"),
    locating: t("locating"),
    locationFailed: t("locationFailed"),
    chosenAt: t("chosenAt", { km: decimals === 1 ? 11 : 1, position: "{position}" }),
    decimals,
    noMatch: t("noMatch"),
    candidates: t("candidates"),
  };
}
