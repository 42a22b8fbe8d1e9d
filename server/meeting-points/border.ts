// The US–Mexico border, drawn by hand and simplified: a polyline from the Pacific at Tijuana/San
// Diego to the Gulf at Matamoros/Brownsville, and the crossing cities. Shipped with the app, so
// the map needs no tiles, no scripts and no network. Positions are [longitude, latitude].
import type { Crossing } from "@/db/schema";

export type LonLat = readonly [number, number];

export const borderLine: readonly LonLat[] = [
  [-117.12, 32.53], // Pacific, Playas de Tijuana / Border Field
  [-114.72, 32.72], // Colorado River at Yuma
  [-114.81, 32.49], // down the river to San Luis
  [-111.07, 31.33], // the straight line across the Sonoran desert to Nogales
  [-108.21, 31.33], // the bootheel
  [-108.21, 31.78],
  [-106.53, 31.78], // El Paso: the Rio Grande begins
  [-106.2, 31.45],
  [-105.0, 30.68],
  [-104.45, 29.6], // Ojinaga / Presidio
  [-103.3, 28.98], // Big Bend
  [-102.7, 29.75],
  [-101.4, 29.77], // Ciudad Acuña / Del Rio
  [-100.5, 28.7], // Piedras Negras / Eagle Pass
  [-99.5, 27.5], // Nuevo Laredo / Laredo
  [-99.1, 26.45],
  [-98.3, 26.1], // Reynosa / McAllen
  [-97.5, 25.88], // Matamoros / Brownsville
  [-97.15, 25.96], // Gulf of Mexico
];

/** The crossing cities, as pairs: the US city first, then the Mexican one. */
export const crossingPlaces: Record<Crossing, { us: string; mx: string; at: LonLat }> = {
  san_ysidro_tijuana: { us: "San Ysidro", mx: "Tijuana", at: [-117.03, 32.54] },
  calexico_mexicali: { us: "Calexico", mx: "Mexicali", at: [-115.49, 32.67] },
  nogales: { us: "Nogales, AZ", mx: "Nogales, Son.", at: [-110.94, 31.33] },
  el_paso_juarez: { us: "El Paso", mx: "Ciudad Juárez", at: [-106.48, 31.76] },
  laredo_nuevo_laredo: { us: "Laredo", mx: "Nuevo Laredo", at: [-99.51, 27.5] },
  brownsville_matamoros: { us: "Brownsville", mx: "Matamoros", at: [-97.5, 25.9] },
};

/** The map's frame, and a projection into it: equirectangular, corrected for the latitude. */
export const mapFrame = { west: -117.8, east: -96.6, north: 33.3, south: 25.3, width: 1000 } as const;
const xScale = Math.cos((29.3 * Math.PI) / 180);
const unit = mapFrame.width / ((mapFrame.east - mapFrame.west) * xScale);
export const mapHeight = Math.round((mapFrame.north - mapFrame.south) * unit);

export function project([lon, lat]: LonLat): { x: number; y: number } {
  return {
    x: Math.round((lon - mapFrame.west) * xScale * unit * 10) / 10,
    y: Math.round((mapFrame.north - lat) * unit * 10) / 10,
  };
}
