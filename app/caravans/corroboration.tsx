// Instead of a pin: how many independent groups confirmed a caravan's latest position, how old the
// newest report is, and (outside verified groups) a headcount band rather than a number.
import { getFormatter, getTranslations } from "next-intl/server";
import type { CaravanView } from "@/server/caravans/visibility";

export async function Corroboration({ caravan }: { caravan: CaravanView }) {
  if (!caravan.corroboration) return null;
  const [t, format] = await Promise.all([getTranslations("caravans.corroboration"), getFormatter()]);
  const band = caravan.access === "public" ? caravan.headcountBand : null;
  return (
    <p className="text-sm text-gray-700">
      {band && (
        <>
          {band.to === null
            ? t("bandOpen", { from: band.from })
            : t("band", { from: band.from, to: band.to })}
          {" · "}
        </>
      )}
      {t("groups", { count: caravan.corroboration.groups })} ·{" "}
      {t("newest", { ago: format.relativeTime(caravan.corroboration.reportedAt) })}
    </p>
  );
}
