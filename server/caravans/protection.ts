// How caravan data is blurred before anyone but its reporters sees it, the way household surveys
// protect respondents: positions displaced at random within their area (fixed per report, so
// reloading and averaging reveal nothing), headcounts as bands, small counts not shown at all.
import { createHmac, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { instanceSettings } from "@/db/schema";
import { fromTenths, regionOf, type TenthsPosition } from "./position";

/** Towns on the caravans' routes: a report near one is displaced up to 2 km, elsewhere up to 5 km. */
const towns: readonly (readonly [lon: number, lat: number])[] = [
  [-92.26, 14.9], // Tapachula
  [-92.46, 15.14], // Huixtla
  [-93.78, 16.24], // Arriaga
  [-95.02, 16.43], // Juchitán
  [-93.12, 16.75], // Tuxtla Gutiérrez
  [-92.93, 17.99], // Villahermosa
  [-96.72, 17.06], // Oaxaca
  [-96.13, 19.17], // Veracruz
  [-98.2, 19.04], // Puebla
  [-99.13, 19.43], // Mexico City
  [-100.39, 20.59], // Querétaro
  [-101.35, 20.68], // Irapuato
  [-103.35, 20.67], // Guadalajara
  [-100.98, 22.15], // San Luis Potosí
  [-106.41, 23.22], // Mazatlán
  [-107.39, 24.81], // Culiacán
  [-103.41, 25.54], // Torreón
  [-101.0, 25.42], // Saltillo
  [-100.31, 25.69], // Monterrey
  [-106.09, 28.63], // Chihuahua
  [-110.96, 29.07], // Hermosillo
  [-98.28, 26.09], // Reynosa
  [-97.5, 25.87], // Matamoros
  [-99.51, 27.48], // Nuevo Laredo
  [-100.52, 28.7], // Piedras Negras
  [-106.42, 31.69], // Ciudad Juárez
  [-110.94, 31.31], // Nogales
  [-115.45, 32.62], // Mexicali
  [-117.02, 32.51], // Tijuana
];

export const TOWN_KM = 2;
export const COUNTRY_KM = 5;
const KM_PER_DEGREE = 111.32;

/** The most a position may be moved: 2 km within 0.15° of a town, 5 km elsewhere. */
export function displacementBound({ latitude, longitude }: { latitude: number; longitude: number }) {
  const nearTown = towns.some(
    ([lon, lat]) => Math.abs(lon - longitude) <= 0.15 && Math.abs(lat - latitude) <= 0.15,
  );
  return nearTown ? TOWN_KM : COUNTRY_KM;
}

/** Distance in km between two nearby points (equirectangular: exact enough at a few km). */
export function kmBetween(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
) {
  const x = (b.longitude - a.longitude) * Math.cos((((a.latitude + b.latitude) / 2) * Math.PI) / 180);
  const y = b.latitude - a.latitude;
  return Math.hypot(x, y) * KM_PER_DEGREE;
}

/**
 * The report's position moved by a fixed random offset: angle and distance come from a keyed hash
 * of the report's id (the key never leaves the server, so the offset cannot be worked back), the
 * distance up to the area's bound and uniform over the disc, and never into another region.
 */
export function displacedPosition(key: string, reportId: string, position: TenthsPosition) {
  const origin = fromTenths(position);
  const digest = createHmac("sha256", key).update(reportId).digest();
  const angle = (digest.readUInt32BE(0) / 2 ** 32) * 2 * Math.PI;
  const bound = displacementBound(origin);
  const region = regionOf(origin);
  let km = bound * Math.sqrt(digest.readUInt32BE(4) / 2 ** 32);
  // Near a region's edge, shorten the move until it stays inside (the region is what the public sees).
  for (let tries = 0; tries < 8; tries++, km /= 2) {
    const moved = {
      latitude: origin.latitude + (km * Math.sin(angle)) / KM_PER_DEGREE,
      longitude:
        origin.longitude +
        (km * Math.cos(angle)) / (KM_PER_DEGREE * Math.cos((origin.latitude * Math.PI) / 180)),
    };
    if (regionOf(moved) === region) {
      return {
        latitude: Math.round(moved.latitude * 1e4) / 1e4,
        longitude: Math.round(moved.longitude * 1e4) / 1e4,
      };
    }
  }
  return origin;
}

const keys = new WeakMap<Database, Promise<string>>();

/** The instance's displacement key: made once, kept in the database, shared by every app server. */
export function displacementKey(db: Database): Promise<string> {
  let key = keys.get(db);
  if (!key) {
    key = (async () => {
      await db
        .insert(instanceSettings)
        .values({ key: "displacement_key", value: randomBytes(32).toString("base64url") })
        .onConflictDoNothing();
      const [row] = await db
        .select({ value: instanceSettings.value })
        .from(instanceSettings)
        .where(eq(instanceSettings.key, "displacement_key"));
      return row!.value;
    })();
    keys.set(db, key);
    key.catch(() => keys.delete(db));
  }
  return key;
}

/** Headcount bands shown outside verified groups; none starts below 5, so none singles anyone out. */
const bands = [5, 25, 100, 250, 500, 1000, 2500, 5000] as const;

/** The band a headcount falls in, or null when it is under 5 (not shown at all). */
export function headcountBand(headcount: number): { from: number; to: number | null } | null {
  if (headcount < bands[0]) return null;
  for (let i = bands.length - 1; i >= 0; i--) {
    if (headcount >= bands[i]!) return { from: bands[i]!, to: bands[i + 1] ?? null };
  }
  return null;
}
