// Where a caravan is, as far as the reader may know: its latest reported place, date and
// headcount for verified groups; otherwise only its broad region (server/caravans/visibility.ts).
import { getFormatter, getTranslations } from "next-intl/server";
import type { CaravanView } from "@/server/caravans/visibility";

export async function Whereabouts({ caravan, className }: { caravan: CaravanView; className?: string }) {
  const [t, format] = await Promise.all([getTranslations("caravans"), getFormatter()]);
  return (
    <p className={className}>
      {caravan.access === "full" && caravan.latest
        ? t("latest", {
            place: caravan.latest.placeName,
            date: format.dateTime(caravan.latest.reportedAt, { dateStyle: "medium" }),
            count: caravan.latest.headcount,
          })
        : caravan.region
          ? t("regionLine", { region: t(`region.${caravan.region}`) })
          : t("noRegion")}
    </p>
  );
}
