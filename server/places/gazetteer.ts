// The towns Puente knows (./gazetteer-data.ts, from GeoNames): search as a person types, in
// Spanish or English, without accents or capitals; the town nearest a point; and the town a typed
// name means. Read once, on first use, and kept in memory (about 13,000 towns).
import type { Locale } from "../i18n/locale";
import { gazetteerRows } from "./gazetteer-data";
import { areaNames, localNames } from "./regions";

export interface Place {
  /** GeoNames' id (an `x` first for the few towns Puente adds). */
  id: string;
  name: string;
  country: string;
  /** GeoNames' admin1 code within the country ("02", "TX"). */
  admin: string;
  /** Rounded to hundredths of a degree (about 1 km). */
  latitude: number;
  longitude: number;
  population: number;
  aliases: string[];
}

interface Indexed {
  place: Place;
  /** The normalized name, then the normalized other names. */
  keys: string[];
}

/** Lower case, no accents, no punctuation, one space between words; "Cd." is "Ciudad". */
export function normalizePlaceText(text: string): string {
  const plain = text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  return plain.replace(/^cd /, "ciudad ").replace(/^sta /, "santa ").replace(/^sn /, "san ");
}

let index: { all: Indexed[]; byId: Map<string, Place> } | null = null;

function load() {
  if (index) return index;
  const all: Indexed[] = [];
  const byId = new Map<string, Place>();
  for (const line of gazetteerRows.split("\n")) {
    const [id, name, country, admin, lat, lon, population, other] = line.split("\t");
    const place: Place = {
      id: id!,
      name: name!,
      country: country!,
      admin: admin!,
      latitude: Number(lat) / 100,
      longitude: Number(lon) / 100,
      population: Number(population),
      aliases: other ? other.split("|") : [],
    };
    all.push({ place, keys: [place.name, ...place.aliases].map(normalizePlaceText) });
    byId.set(place.id, place);
  }
  index = { all, byId };
  return index;
}

/** The first-level area (state, department) a place is in, in `locale`. */
export function areaName(place: Pick<Place, "country" | "admin">, locale: Locale): string {
  const name = areaNames[place.country]?.[place.admin];
  if (!name) return "";
  return typeof name === "string" ? name : name[locale === "es" ? 0 : 1];
}

const countryNames = new Map<string, string>();

/** A country's name in `locale` ("México", "Mexico"), from the runtime's own list. */
export function countryName(code: string, locale: Locale): string {
  const key = `${locale}:${code}`;
  let name = countryNames.get(key);
  if (name === undefined) {
    name = new Intl.DisplayNames([locale], { type: "region" }).of(code) ?? code;
    countryNames.set(key, name);
  }
  return name;
}

/** A place as a picker shows it: "Tijuana, Baja California", and its country apart. */
export interface PlaceChoice {
  id: string;
  name: string;
  area: string;
  country: string;
  /** "Tijuana, Baja California, México": what the field shows once chosen. */
  label: string;
  latitude: number;
  longitude: number;
}

/** A place's name in `locale`: "Ciudad de México" or "Mexico City"; most towns have one name. */
export function placeName(place: Place, locale: Locale): string {
  const names = localNames[place.id];
  return names ? names[locale === "es" ? 0 : 1] : place.name;
}

export function describePlace(place: Place, locale: Locale): PlaceChoice {
  const area = areaName(place, locale);
  const country = countryName(place.country, locale);
  const name = placeName(place, locale);
  return {
    id: place.id,
    name,
    area,
    country,
    label: [name, area, country].filter(Boolean).join(", "),
    latitude: place.latitude,
    longitude: place.longitude,
  };
}

/**
 * Towns whose name, or one of whose other names, starts with `query` (or has a word that does),
 * the most populous first; whole-name beginnings before word beginnings. "Name, area" narrows the
 * towns to an area or country whose name starts with what follows the comma, in either language.
 */
export function searchPlaces(query: string, limit = 8): Place[] {
  const [namePart = "", ...rest] = query.split(",");
  const wanted = normalizePlaceText(namePart);
  const within = normalizePlaceText(rest.join(" "));
  if (!wanted) return [];
  const starts: Place[] = [];
  const words: Place[] = [];
  for (const { place, keys } of load().all) {
    if (within && !inArea(place, within)) continue;
    if (keys.some((k) => k.startsWith(wanted))) starts.push(place);
    else if (keys.some((k) => k.includes(` ${wanted}`))) words.push(place);
    // Rows are sorted by population already: stop once both lists could fill the answer.
    if (starts.length >= limit) break;
  }
  return [...starts, ...words].slice(0, limit);
}

const areaKeys = new Map<string, string[]>();

function inArea(place: Place, within: string): boolean {
  const key = `${place.country}.${place.admin}`;
  let names = areaKeys.get(key);
  if (!names) {
    names = [
      areaName(place, "es"),
      areaName(place, "en"),
      countryName(place.country, "es"),
      countryName(place.country, "en"),
      place.admin,
      place.country,
    ]
      .map(normalizePlaceText)
      .filter(Boolean);
    areaKeys.set(key, names);
  }
  return names.some((n) => n.startsWith(within) || within.startsWith(n));
}

/**
 * The town a typed name means, for a form sent without JavaScript: a town whose whole name (or
 * other name) is what was typed, the most populous if several are; null when none is.
 */
export function matchPlace(typed: string): Place | null {
  const [namePart = "", ...rest] = typed.split(",");
  const wanted = normalizePlaceText(namePart);
  const within = normalizePlaceText(rest.join(" "));
  if (!wanted) return null;
  for (const { place, keys } of load().all) {
    if (keys.includes(wanted) && (!within || inArea(place, within))) return place;
  }
  return null;
}

export function placeById(id: string): Place | null {
  return load().byId.get(id) ?? null;
}

/** The town nearest a point (by straight-line distance on a flat map, corrected for latitude). */
export function nearestPlace(latitude: number, longitude: number): Place {
  const cos = Math.cos((latitude * Math.PI) / 180);
  let best: Place | null = null;
  let bestDistance = Infinity;
  for (const { place } of load().all) {
    const dy = place.latitude - latitude;
    const dx = (place.longitude - longitude) * cos;
    const distance = dx * dx + dy * dy;
    if (distance < bestDistance) {
      best = place;
      bestDistance = distance;
    }
  }
  return best!;
}

/** Hundredths of a degree (about 1 km): the finest position Puente takes from anyone. */
export function roundToHundredths(value: number): number {
  return Math.round(value * 100) / 100;
}
