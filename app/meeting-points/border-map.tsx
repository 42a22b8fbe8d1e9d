// The border map: the line from the Pacific to the Gulf, the crossings, and meeting points
// numbered on it and named in a list under it (links to each), the chosen one highlighted.
// Server-rendered SVG from geometry shipped with the app. It draws only the points the reader may see: the
// list it is given already left out an open decision's candidates (server/decisions/candidates.ts).
import { getTranslations } from "next-intl/server";
import { borderLine, crossingPlaces, mapFrame, mapHeight, project } from "@/server/meeting-points/border";
import type { MeetingPointStatus } from "@/db/schema";

export interface MapPoint {
  id: string;
  name: string;
  latitude: number;
  longitude: number;
  status: MeetingPointStatus;
}

const markerColor: Record<MeetingPointStatus, string> = {
  chosen: "#b45309",
  shortlisted: "#145c48",
  proposed: "#4b5563",
  rejected: "#9ca3af",
};

export async function BorderMap({
  points,
  titleId = "border-map",
}: {
  points: MapPoint[];
  titleId?: string;
}) {
  const t = await getTranslations("meetingPoints");
  const line = borderLine
    .map((p) => project(p))
    .map(({ x, y }) => `${x},${y}`)
    .join(" ");
  const shown = points.filter((p) => p.status !== "rejected");
  const chosen = shown.find((p) => p.status === "chosen");
  // The chosen point is drawn last, so it sits on top.
  const ordered = [...shown.filter((p) => p.status !== "chosen"), ...(chosen ? [chosen] : [])];
  // Markers are numbered on the map and named in the list under it: at 360 px the map is a third
  // of its drawn size, too small for names beside each point. A marker too close to one already
  // placed moves aside, so none hides another.
  const placed: { point: MapPoint; x: number; y: number; n: number }[] = [];
  for (const point of ordered) {
    // Whole markers only: none cut by the map's edge.
    const at = project([point.longitude, point.latitude]);
    const y = Math.min(Math.max(at.y, EDGE), mapHeight - EDGE);
    let x = Math.min(Math.max(at.x, EDGE), mapFrame.width - EDGE);
    while (placed.some((p) => Math.hypot(p.x - x, p.y - y) < 2 * MARKER)) x += 2 * MARKER + 4;
    placed.push({ point, x, y, n: 0 });
  }
  // Numbered west to east, as the list reads.
  [...placed].sort((a, b) => a.x - b.x).forEach((p, i) => (p.n = i + 1));
  return (
    <figure className="space-y-2">
      <svg
        viewBox={`0 0 ${mapFrame.width} ${mapHeight}`}
        className="h-auto w-full rounded-lg border border-brand-100 bg-sky-50"
        aria-labelledby={`${titleId}-title ${titleId}-desc`}
        role="img"
        data-map=""
      >
        <title id={`${titleId}-title`}>{t("mapTitle")}</title>
        <desc id={`${titleId}-desc`}>
          {chosen
            ? t("mapDescChosen", { count: shown.length, chosen: chosen.name })
            : t("mapDesc", { count: shown.length })}
        </desc>
        <g aria-hidden="true">
          <text x={mapFrame.width - 16} y={44} className="fill-gray-600" fontSize={LABEL} textAnchor="end">
            {t("usSide")}
          </text>
          <text x={16} y={mapHeight - 20} className="fill-gray-600" fontSize={LABEL}>
            {t("mxSide")}
          </text>
          <polyline
            points={line}
            fill="none"
            stroke="#374151"
            strokeWidth={4}
            strokeLinejoin="round"
            strokeDasharray="14 6"
          />
          {Object.entries(crossingPlaces).map(([key, place]) => {
            const { x, y } = project(place.at);
            const [dx, dy, anchor] = crossingLabel[key as keyof typeof crossingPlaces];
            // A town's name gives way to a meeting point drawn over it: the point matters more.
            const hidden = placed.some((p) => overlapsLabel(p, x + dx, y + dy, anchor, place.mx));
            return (
              <g key={key}>
                <circle cx={x} cy={y} r={7} fill="#374151" />
                {!hidden && (
                  <text x={x + dx} y={y + dy} fontSize={LABEL} textAnchor={anchor} className="fill-gray-800">
                    {place.mx}
                  </text>
                )}
              </g>
            );
          })}
          {placed.map(({ point, x, y, n }) => {
            const isChosen = point.status === "chosen";
            return (
              <g key={point.id}>
                {isChosen && (
                  <circle
                    cx={x}
                    cy={y}
                    r={MARKER + 8}
                    fill="none"
                    stroke={markerColor.chosen}
                    strokeWidth={6}
                  />
                )}
                <circle
                  cx={x}
                  cy={y}
                  r={MARKER}
                  fill={markerColor[point.status]}
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
                  {n}
                </text>
              </g>
            );
          })}
        </g>
      </svg>
      {placed.length > 0 && (
        <figcaption>
          <ol className="grid gap-x-4 text-sm sm:grid-cols-2" aria-label={t("mapLegend")}>
            {[...placed]
              .sort((a, b) => a.n - b.n)
              .map(({ point, n }) => {
                const content = (
                  <>
                    <span
                      aria-hidden="true"
                      className="inline-flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-bold text-white"
                      style={{ backgroundColor: markerColor[point.status] }}
                    >
                      {n}
                    </span>
                    <span>
                      {point.name} <span className="text-gray-700">({t(`status.${point.status}`)})</span>
                    </span>
                  </>
                );
                return (
                  <li key={point.id}>
                    {placed.length > 1 ? (
                      <a
                        href={`/meeting-points/${point.id}`}
                        className="flex items-center gap-2 py-2 underline-offset-2 hover:underline"
                      >
                        {content}
                      </a>
                    ) : (
                      <p className="flex min-h-11 items-center gap-2">{content}</p>
                    )}
                  </li>
                );
              })}
          </ol>
        </figcaption>
      )}
    </figure>
  );
}

/** Marker radius and label size, in map units: the map is drawn 1000 wide and shown about 330 px
 * wide on a 360 px phone, so 40 units is 13 px there. */
const MARKER = 30;
const LABEL = 40;
/** How far a marker's centre stays from the edge: the chosen one's ring included. */
const EDGE = MARKER + 16;

/** Whether a marker (its chosen ring included) touches a label's box, its width estimated from its letters. */
function overlapsLabel(
  marker: { x: number; y: number },
  x: number,
  baseline: number,
  anchor: "start" | "middle" | "end",
  text: string,
) {
  const width = text.length * LABEL * 0.6;
  const left = anchor === "start" ? x : anchor === "middle" ? x - width / 2 : x - width;
  const [top, bottom] = [baseline - LABEL, baseline + LABEL * 0.25];
  const nearestX = Math.min(Math.max(marker.x, left), left + width);
  const nearestY = Math.min(Math.max(marker.y, top), bottom);
  return Math.hypot(marker.x - nearestX, marker.y - nearestY) < MARKER + 8;
}

/** Where each crossing's name goes from its dot (dx, dy, anchor): placed by hand, for the fixed
 * set of crossings, so that no name overlaps another or runs off the map. */
const crossingLabel: Record<keyof typeof crossingPlaces, [number, number, "start" | "middle" | "end"]> = {
  san_ysidro_tijuana: [-20, 80, "start"],
  calexico_mexicali: [44, 14, "start"],
  nogales: [0, 80, "middle"],
  el_paso_juarez: [0, -(MARKER + 16), "middle"],
  laredo_nuevo_laredo: [-44, 12, "end"],
  brownsville_matamoros: [-44, 12, "end"],
};
