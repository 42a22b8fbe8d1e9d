// Where a caravan is, as coarsely as Puente ever knows it: positions are cut to tenths of a degree
// before anything is stored, and the public sees only the broad region such a position falls in.
import { borderLine, type LonLat } from "../meeting-points/border";

/** The area the map covers, and so the only positions a report may give: Mexico and the border. */
export const caravanBox = { south: 14.5, north: 33.5, west: -118, east: -86.5 } as const;

/** A position in tenths of a degree, the only form a report's position is ever stored in. */
export interface TenthsPosition {
  latitudeTenths: number;
  longitudeTenths: number;
}

/** Rounds a position to 0.1° (about 11 km): a town, never a street or a camp. */
export function toTenths(latitude: number, longitude: number): TenthsPosition {
  return { latitudeTenths: Math.round(latitude * 10), longitudeTenths: Math.round(longitude * 10) };
}

export function fromTenths(p: TenthsPosition): { latitude: number; longitude: number } {
  return { latitude: p.latitudeTenths / 10, longitude: p.longitudeTenths / 10 };
}

/**
 * The broad regions the public may see a caravan in, each with the point its marker is drawn at
 * (never the caravan's own position). Wide on purpose: several days' walk across.
 */
export const regions = {
  southeast: [-92.6, 17.2], // Chiapas, Tabasco, the Yucatán peninsula
  south: [-97.8, 17.4], // Oaxaca, Guerrero
  center: [-100.2, 20.0], // Mexico City, Puebla, Querétaro, Jalisco, Veracruz
  north: [-103.6, 25.2], // Zacatecas to Chihuahua's interior
  borderWest: [-112.4, 30.6], // Baja California, Sonora, northern Chihuahua
  borderEast: [-100.4, 27.4], // Coahuila, Nuevo León, Tamaulipas at the border
  us: [-104.5, 32.9], // across the border
} as const satisfies Record<string, LonLat>;
export type Region = keyof typeof regions;

/** The border's latitude at a longitude (its northernmost crossing there), from the shipped line. */
function borderLatitudeAt(longitude: number): number | null {
  let found: number | null = null;
  for (let i = 1; i < borderLine.length; i++) {
    const [x1, y1] = borderLine[i - 1]!;
    const [x2, y2] = borderLine[i]!;
    if (longitude < Math.min(x1, x2) || longitude > Math.max(x1, x2)) continue;
    const y = x1 === x2 ? Math.max(y1, y2) : y1 + ((longitude - x1) / (x2 - x1)) * (y2 - y1);
    found = found === null ? y : Math.max(found, y);
  }
  return found;
}

export function regionOf({ latitude, longitude }: { latitude: number; longitude: number }): Region {
  const border = borderLatitudeAt(longitude);
  // The shipped line is drawn by hand: a town on it may fall a little either side, so only a
  // position clearly north of it counts as across.
  if (border !== null && latitude > border + 0.3) return "us";
  if (border !== null && latitude >= border - 1.5) return longitude < -106 ? "borderWest" : "borderEast";
  if (latitude >= 29.5 && longitude < -106) return "borderWest";
  if (longitude > -94) return "southeast";
  if (latitude < 18.5) return "south";
  if (latitude < 22.5) return "center";
  return "north";
}
