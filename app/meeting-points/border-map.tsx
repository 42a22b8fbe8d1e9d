// The border map: the line from the Pacific to the Gulf, the crossings, and meeting points as
// links, the chosen one highlighted. Server-rendered SVG from geometry shipped with the app; the
// same points are listed as text next to it. It draws only the points the reader may see: the
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
  return (
    <svg
      viewBox={`0 0 ${mapFrame.width} ${mapHeight}`}
      className="h-auto w-full rounded-lg border border-brand-100 bg-sky-50"
      aria-labelledby={`${titleId}-title ${titleId}-desc`}
    >
      <title id={`${titleId}-title`}>{t("mapTitle")}</title>
      <desc id={`${titleId}-desc`}>
        {chosen
          ? t("mapDescChosen", { count: shown.length, chosen: chosen.name })
          : t("mapDesc", { count: shown.length })}
      </desc>
      <text x={24} y={40} className="fill-gray-600" fontSize={26}>
        {t("usSide")}
      </text>
      <text x={24} y={mapHeight - 24} className="fill-gray-600" fontSize={26}>
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
        return (
          <g key={key} aria-hidden="true">
            <circle cx={x} cy={y} r={5} fill="#374151" />
            <text x={x + 8} y={y - 10} fontSize={22} className="fill-gray-800">
              {place.mx}
            </text>
          </g>
        );
      })}
      {ordered.map((point) => {
        const { x, y } = project([point.longitude, point.latitude]);
        const isChosen = point.status === "chosen";
        return (
          <a
            key={point.id}
            href={`/meeting-points/${point.id}`}
            aria-label={`${point.name} (${t(`status.${point.status}`)})`}
          >
            <circle cx={x} cy={y} r={28} fill="transparent" />
            {isChosen && (
              <circle cx={x} cy={y} r={22} fill="none" stroke={markerColor.chosen} strokeWidth={5} />
            )}
            <circle
              cx={x}
              cy={y}
              r={isChosen ? 13 : 10}
              fill={markerColor[point.status]}
              stroke="#fff"
              strokeWidth={3}
            />
            {isChosen && (
              <text
                x={x}
                y={y + 50}
                fontSize={26}
                fontWeight={700}
                textAnchor={x > 700 ? "end" : x < 300 ? "start" : "middle"}
                className="fill-amber-800"
              >
                ★ {point.name}
              </text>
            )}
          </a>
        );
      })}
    </svg>
  );
}
