// Where a form says a place is: the fields a place picker sends (app/_forms/place-picker.tsx), and
// how the server turns them into a position. Never trusts the phone: a position is rounded to
// hundredths of a degree here whatever was sent, and must fall in the area the form covers.
import { z } from "zod";
import { freeText } from "../text";
import { matchPlace, placeById, roundToHundredths } from "./gazetteer";

/** Forms send "" for an empty field; it means "not given". */
const blank = z.literal("").transform(() => undefined);

export interface Box {
  south: number;
  north: number;
  west: number;
  east: number;
}

/**
 * The picker's fields: the town's name as shown or typed; the gazetteer id of a town chosen from
 * the list; a position only from "use my location" (already rounded on the phone).
 */
export function placeFields(box: Box) {
  return {
    placeName: freeText(120).default(""),
    placeId: z
      .string()
      .regex(/^x?\d{1,10}$/)
      .optional()
      .or(blank),
    latitude: z.coerce.number().min(box.south).max(box.north).optional().or(blank),
    longitude: z.coerce.number().min(box.west).max(box.east).optional().or(blank),
  };
}

interface PlaceFields {
  placeName: string;
  placeId?: string | undefined;
  latitude?: number | undefined;
  longitude?: number | undefined;
}

/** What a resolved place comes to: the name to store and a rounded position. */
export interface ResolvedPlace {
  placeName: string;
  latitude: number;
  longitude: number;
}

const inBox = (box: Box, latitude: number, longitude: number) =>
  latitude >= box.south && latitude <= box.north && longitude >= box.west && longitude <= box.east;

/**
 * The position a form's place fields give, in this order: a position sent from the phone, a town
 * chosen from the list, the town whose name was typed (the form without JavaScript); `named`: a
 * position must come with a name (a report's place). A town the
 * gazetteer does not know, or one outside `box`, is a refusal on the place's field.
 */
export function resolvePlace(
  fields: PlaceFields,
  box: Box,
  ctx: z.RefinementCtx,
  { named = true }: { named?: boolean } = {},
): ResolvedPlace | null {
  const { latitude, longitude } = fields;
  const typed = fields.placeName.trim();
  if (latitude !== undefined || longitude !== undefined) {
    if (latitude === undefined || longitude === undefined) {
      const path = [latitude === undefined ? "latitude" : "longitude"];
      ctx.addIssue({ code: "custom", path, params: { key: "positionHalf" } });
      return null;
    }
    if (named && typed.length < 2) {
      ctx.addIssue({ code: "custom", path: ["placeName"], params: { key: "placeRequired" } });
      return null;
    }
    return {
      placeName: typed,
      latitude: roundToHundredths(latitude),
      longitude: roundToHundredths(longitude),
    };
  }
  if (!fields.placeId && typed.length < 2) {
    ctx.addIssue({ code: "custom", path: ["placeName"], params: { key: "placeRequired" } });
    return null;
  }
  const place = fields.placeId ? placeById(fields.placeId) : matchPlace(typed);
  if (!place) {
    ctx.addIssue({ code: "custom", path: ["placeName"], params: { key: "unknownPlace" } });
    return null;
  }
  if (!inBox(box, place.latitude, place.longitude)) {
    ctx.addIssue({ code: "custom", path: ["placeName"], params: { key: "placeOutsideArea" } });
    return null;
  }
  // A town chosen from the list is stored by its own name (in Spanish, the language most readers
  // share), not by whatever the field showed.
  return { placeName: place.name, latitude: place.latitude, longitude: place.longitude };
}
