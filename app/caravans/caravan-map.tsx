// The caravans on a map of Mexico and the border, with the shortlisted and chosen meeting points,
// numbered and lettered on the map and named in a list under it.
// Server-rendered SVG from shipped geometry; each caravan is drawn where the viewer may see it
// (its region's point for the public, its coarse position for verified groups), and the page lists
// the same caravans as text.
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
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
  ["US", -99.5, 32.8],
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
  // Markers are numbered (caravans) and lettered (meeting points) on the map and named in the list
  // under it: at 360 px the map is a third of its drawn size, too small for names beside each
  // marker. A marker too close to one already placed moves aside, so none hides another.
  const taken: { x: number; y: number }[] = [];
  const clear = (at: { x: number; y: number }) => {
    // Whole markers only: none cut by the map's edge.
    const y = within(at.y, map.height);
    let x = within(at.x, map.width);
    while (taken.some((p) => Math.hypot(p.x - x, p.y - y) < 2 * MARKER)) x += 2 * MARKER + 4;
    taken.push({ x, y });
    return { x, y };
  };
  const diamonds = meetingPoints
    .filter((p) => p.status === "chosen" || p.status === "shortlisted")
    .map((p, i) => ({
      point: p,
      mark: String.fromCharCode(65 + i),
      ...clear(map.project(p.longitude, p.latitude)),
    }));
  const circles = placed.map((p, i) => ({ ...p, mark: String(i + 1), ...clear(p) }));
  // A country's name gives way to the markers: moved down or up a line, or left out.
  const countries = countryLabels.flatMap(([code, lon, lat]) => {
    const at = map.project(lon, lat);
    const half = (tc(code).length * LABEL * 0.6) / 2;
    for (const dy of [0, LABEL + 8, -(LABEL + 8), 2 * (LABEL + 8), -2 * (LABEL + 8)]) {
      const y = Math.min(Math.max(at.y + dy, LABEL + 8), map.height - 12);
      const hits = taken.some(
        (p) =>
          p.x + MARKER > at.x - half &&
          p.x - MARKER < at.x + half &&
          p.y + MARKER > y - LABEL &&
          p.y - MARKER < y + LABEL * 0.25,
      );
      if (!hits) return [{ code, x: at.x, y }];
    }
    return [];
  });
  return (
    <figure className="space-y-2">
      <svg
        viewBox={`0 0 ${map.width} ${map.height}`}
        className="h-auto w-full rounded-lg border border-brand-100 bg-sky-50"
        aria-labelledby={`${titleId}-title ${titleId}-desc`}
        role="img"
        data-map=""
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
          {countries.map(({ code, x, y }) => {
            return (
              <text key={code} x={x} y={y} fontSize={LABEL} className="fill-gray-600" textAnchor="middle">
                {tc(code)}
              </text>
            );
          })}
          {diamonds.map(({ point, mark, x, y }) => (
            <g key={point.id}>
              <rect
                x={x - MARKER * 0.8}
                y={y - MARKER * 0.8}
                width={MARKER * 1.6}
                height={MARKER * 1.6}
                transform={`rotate(45 ${x} ${y})`}
                fill={point.status === "chosen" ? "#b45309" : "#145c48"}
                stroke="#fff"
                strokeWidth={3}
              />
              <text
                x={x}
                y={y + 12}
                fontSize={LABEL - 2}
                fontWeight={700}
                textAnchor="middle"
                className="fill-white"
              >
                {mark}
              </text>
            </g>
          ))}
          {circles.map(({ caravan, mark, x, y }) => (
            <g key={caravan.id}>
              <circle
                cx={x}
                cy={y}
                r={MARKER}
                fill={statusColor[caravan.status]}
                stroke="#fff"
                strokeWidth={4}
              />
              <text
                x={x}
                y={y + 13}
                fontSize={LABEL}
                fontWeight={700}
                textAnchor="middle"
                className="fill-white"
              >
                {mark}
              </text>
            </g>
          ))}
        </g>
      </svg>
      <figcaption>
        <ul className="grid gap-x-4 text-sm sm:grid-cols-2" aria-label={t("mapLegend")}>
          {circles.map(({ caravan, mark, where }) => (
            <li key={caravan.id}>
              <Entry
                href={circles.length > 1 ? `/caravans/${caravan.id}` : undefined}
                mark={
                  <span
                    className="inline-flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-bold text-white"
                    style={{ backgroundColor: statusColor[caravan.status] }}
                  >
                    {mark}
                  </span>
                }
              >
                {caravan.name}
                <span className="text-gray-700">
                  : {ts(caravan.status)}
                  {where ? `, ${where}` : ""}
                </span>
              </Entry>
            </li>
          ))}
          {diamonds.map(({ point, mark }) => (
            <li key={point.id}>
              <Entry
                href={`/meeting-points/${point.id}`}
                mark={
                  <span
                    className="inline-flex size-6 shrink-0 rotate-45 items-center justify-center text-xs font-bold text-white"
                    style={{ backgroundColor: point.status === "chosen" ? "#b45309" : "#145c48" }}
                  >
                    <span className="-rotate-45">{mark}</span>
                  </span>
                }
              >
                {t("mapMeetingPoint", { name: point.name })}
              </Entry>
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

/** A line of the map's list: its marker, then what it marks (a link, when there are several). */
function Entry({ href, mark, children }: { href?: string; mark: ReactNode; children: ReactNode }) {
  const marker = <span aria-hidden="true">{mark}</span>;
  return href ? (
    <a href={href} className="flex items-center gap-2 py-2 underline-offset-2 hover:underline">
      {marker}
      <span>{children}</span>
    </a>
  ) : (
    <p className="flex min-h-11 items-center gap-2">
      {marker}
      <span>{children}</span>
    </p>
  );
}

/** Marker radius and label size, in map units: the map is drawn 1000 wide and shown about 330 px
 * wide on a 360 px phone, so 40 units is 13 px there. */
const MARKER = 30;
const LABEL = 40;

function within(at: number, size: number): number {
  return Math.min(Math.max(at, MARKER + 6), size - MARKER - 6);
}
