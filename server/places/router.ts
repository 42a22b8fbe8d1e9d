// The gazetteer, for the place picker's type-ahead and its "use my location": anyone signed in
// (every form that asks for a place is behind sign-in). Reads only Puente's own list of towns, so
// nothing typed here leaves the server, and nothing is stored.
import { z } from "zod";
import { router, signedInProcedure } from "../trpc";
import { describePlace, nearestPlace, roundToHundredths, searchPlaces } from "./gazetteer";

export const placeSearchInput = z.object({
  query: z.string().trim().min(2).max(60),
  limit: z.number().int().min(1).max(10).default(8),
});

/** A point from the phone; whatever precision it comes with, only hundredths are used. */
export const nearestPlaceInput = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
});

export const placesRouter = router({
  search: signedInProcedure
    .input(placeSearchInput)
    .query(({ ctx, input }) =>
      searchPlaces(input.query, input.limit).map((place) => describePlace(place, ctx.locale)),
    ),

  nearest: signedInProcedure.input(nearestPlaceInput).query(({ ctx, input }) => {
    const place = describePlace(
      nearestPlace(roundToHundredths(input.latitude), roundToHundredths(input.longitude)),
      ctx.locale,
    );
    return place;
  }),
});
