// The map of Mexico and the border, from Natural Earth's country shapes shipped with the app
// (world-atlas, 1:110m) and projected on the server with d3-geo: SVG paths, no tiles, no requests
// to other hosts. Computed once per server process.
import { geoMercator, geoPath } from "d3-geo";
import type { FeatureCollection, Geometry, MultiLineString } from "geojson";
import { feature, mesh } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import countries110m from "world-atlas/countries-110m.json";
import type { Country } from "@/db/schema";
import { caravanBox } from "../caravans/position";

/** The countries drawn, by their ISO numeric code, with the name key of the `countries` catalog. */
const drawn: Record<string, Country | null> = {
  "484": "MX",
  "840": "US",
  "320": "GT",
  "084": null, // Belize
  "340": "HN",
  "222": "SV",
  "558": "NI",
  "192": null, // Cuba
};

export const regionMapWidth = 1000;

export interface RegionMap {
  width: number;
  height: number;
  countries: { code: string; name: Country | null; d: string }[];
  /** The US–Mexico border, drawn over the countries. */
  border: string;
  project: (lon: number, lat: number) => { x: number; y: number };
}

let built: RegionMap | null = null;

export function regionMap(): RegionMap {
  if (built) return built;
  const topology = countries110m as unknown as Topology<{ countries: GeometryCollection }>;
  const corners = {
    type: "MultiPoint" as const,
    coordinates: [
      [caravanBox.west, caravanBox.south],
      [caravanBox.east, caravanBox.north],
    ],
  };
  const projection = geoMercator().fitWidth(regionMapWidth, corners);
  const [, bottom] = projection([caravanBox.east, caravanBox.south])!;
  const height = Math.round(bottom);
  projection.clipExtent([
    [0, 0],
    [regionMapWidth, height],
  ]);
  const path = geoPath(projection).digits(1);
  const shapes = feature(topology, topology.objects.countries) as FeatureCollection<
    Geometry,
    { name: string }
  >;
  const borderLine = mesh(
    topology,
    topology.objects.countries,
    (a, b) => [a.id, b.id].sort().join("-") === "484-840",
  ) as MultiLineString;
  built = {
    width: regionMapWidth,
    height,
    countries: shapes.features
      .filter((f) => String(f.id) in drawn)
      .map((f) => ({ code: String(f.id), name: drawn[String(f.id)] ?? null, d: path(f) ?? "" })),
    border: path(borderLine) ?? "",
    project: (lon, lat) => {
      const [x, y] = projection([lon, lat])!;
      return { x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10 };
    },
  };
  return built;
}
