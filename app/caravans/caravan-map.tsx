// The caravans on a map of Mexico and the border, with the shortlisted and chosen meeting points.
// Server-rendered SVG from shipped geometry; each caravan is drawn where the viewer may see it
// (its region's point for the public, its coarse position for verified groups), and the page lists
// the same caravans as text.
import { getTranslations } from "next-intl/server";
import type { CaravanStatus, MeetingPointStatus } from "@/db/schema";
import type { CaravanView } from "@/server/caravans/visibility";
import { regionMap } from "@/server/map/region-map";

const statusColor: Record<CaravanStatus, string> = {
  forming: "#6b21a8",
  in_transit: "#b45309",
  stopped: "#b91c1c",
  arrived: "#145c48",
  dispersed: "#6b7280",
};

/** Where the countries' names go: [longitude, latitude]. */
const countryLabels = [
  ["MX", -103.5, 23.2],
  ["US", -106.5, 33.0],
  ["GT", -91.6, 15.3],
] as const;

export async function CaravanMap({
  caravans,
  meetingPoints = [],
  titleId = "caravan-map",
}: {
  caravans: CaravanView[];
  meetingPoints?: {
    id: string;
    name: string;
    latitude: number;
    longitude: number;
    status: MeetingPointStatus;
  }[];
  titleId?: string;
}) {
  const [t, tc, ts] = await Promise.all([
    getTranslations("caravans"),
    getTranslations("countries"),
    getTranslations("caravanStatus"),
  ]);
  const map = regionMap();
  const placed = caravans.flatMap((c) => {
    const at =
      c.access === "full" && c.latest ? ([c.latest.longitude, c.latest.latitude] as const) : c.regionAt;
    if (!at) return [];
    const where =
      c.access === "full" && c.latest ? c.latest.placeName : c.region ? t(`region.${c.region}`) : "";
    return [{ caravan: c, ...map.project(at[0], at[1]), where }];
  });
  // Caravans at the same point get their labels stacked instead of on top of each other.
  const seen = new Map<string, number>();
  const points = meetingPoints.filter((p) => p.status === "chosen" || p.status === "shortlisted");
  return (
    <svg
      viewBox={`0 0 ${map.width} ${map.height}`}
      className="h-auto w-full rounded-lg border border-brand-100 bg-sky-50"
      aria-labelledby={`${titleId}-title ${titleId}-desc`}
    >
      <title id={`${titleId}-title`}>{t("mapTitle")}</title>
      <desc id={`${titleId}-desc`}>{t("mapDesc", { count: placed.length })}</desc>
      <g aria-hidden="true">
        {map.countries.map((c) => (
          <path
            key={c.code}
            d={c.d}
            fill={c.code === "484" ? "#fefce8" : "#f3f4f6"}
            stroke="#9ca3af"
            strokeWidth={1.5}
          />
        ))}
        <path d={map.border} fill="none" stroke="#374151" strokeWidth={3} strokeDasharray="10 5" />
        {countryLabels.map(([code, lon, lat]) => {
          const { x, y } = map.project(lon, lat);
          return (
            <text key={code} x={x} y={y} fontSize={24} className="fill-gray-600" textAnchor="middle">
              {tc(code)}
            </text>
          );
        })}
      </g>
      {points.map((p) => {
        const { x, y } = map.project(p.longitude, p.latitude);
        return (
          <a key={p.id} href={`/meeting-points/${p.id}`} aria-label={t("mapMeetingPoint", { name: p.name })}>
            <rect
              x={x - 8}
              y={y - 8}
              width={16}
              height={16}
              transform={`rotate(45 ${x} ${y})`}
              fill={p.status === "chosen" ? "#b45309" : "#145c48"}
              stroke="#fff"
              strokeWidth={2}
            />
          </a>
        );
      })}
      {placed.map(({ caravan, x, y, where }) => {
        const key = `${x},${y}`;
        const stack = seen.get(key) ?? 0;
        seen.set(key, stack + 1);
        return (
          <a
            key={caravan.id}
            href={`/caravans/${caravan.id}`}
            aria-label={`${caravan.name}: ${ts(caravan.status)}, ${where}`}
          >
            <circle cx={x} cy={y} r={24} fill="transparent" />
            <circle cx={x} cy={y} r={11} fill={statusColor[caravan.status]} stroke="#fff" strokeWidth={3} />
            <text
              x={x + (x > 750 ? -16 : 16)}
              y={y - 12 + stack * 26}
              fontSize={22}
              fontWeight={600}
              textAnchor={x > 750 ? "end" : "start"}
              className="fill-gray-900"
            >
              {caravan.name}
            </text>
          </a>
        );
      })}
    </svg>
  );
}
