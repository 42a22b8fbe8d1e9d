// The place picker's words in the reader's language (the picker is a client component; Puente's
// catalogs stay on the server).
import "server-only";
import { getTranslations } from "next-intl/server";
import type { PlacePickerText } from "./place-picker";

export async function placePickerText(label: string, lastPlace?: string): Promise<PlacePickerText> {
  const t = await getTranslations("placePicker");
  return {
    label,
    hint: lastPlace ? t("hintLast", { place: lastPlace }) : t("hint"),
    useLocation: t("useLocation"),
    locating: t("locating"),
    locationFailed: t("locationFailed"),
    chosenAt: t("chosenAt", { position: "{position}" }),
    noMatch: t("noMatch"),
    candidates: t("candidates"),
  };
}
