// Inputs of the meeting points: a proposal with its safety checklist, comments and reviews. Zod
// schemas, shared with the forms.
import { z } from "zod";
import {
  borderSides,
  checklistAnswers,
  crossings,
  signalLevels,
  threatReports,
  type SafetyChecklist,
} from "@/db/schema";
import { placeFields, resolvePlace } from "../places/resolve";
import { freeText } from "../text";

const text = freeText;

/** The border's bounding box: a meeting point must be near the line. */
export const borderBox = { south: 25.5, north: 33, west: -117.5, east: -96.5 } as const;

const kilometres = z.preprocess(
  (value) => (value === "" || value === undefined ? null : value),
  z.coerce.number().min(0).max(500).nullable(),
);

/** What a proposal answers about the safety of a place (exits, shelter, clinic, threats, signal, shade and water). */
export const safetyChecklistInput = z.object({
  exitsAndSightLines: z.enum(checklistAnswers).default("unknown"),
  shelterKm: kilometres.default(null),
  clinicKm: kilometres.default(null),
  checkpointsOrHostileGroups: z.enum(threatReports).default("unknown"),
  phoneSignal: z.enum(signalLevels).default("unknown"),
  shadeAndWater: z.enum(checklistAnswers).default("unknown"),
});
export { checklistAnswers, signalLevels, threatReports, type SafetyChecklist };
// The stored shape (db/schema/meeting-points.ts) is exactly what this schema gives.
safetyChecklistInput satisfies z.ZodType<SafetyChecklist, unknown>;

export const meetingPointDetailsInput = z
  .object({
    // Starts with a letter or digit: a name is also a CSV cell a spreadsheet must never run.
    name: text(120)
      .min(3)
      .regex(/^[\p{L}\p{N}]/u),
    crossing: z.enum(crossings),
    side: z.enum(borderSides),
    // The town it is in, from the gazetteer, or a position rounded on the phone: no default place.
    ...placeFields(borderBox),
    capacity: z.coerce.number().int().min(1).max(100_000),
    facilitiesEs: text(1000).default(""),
    facilitiesEn: text(1000).default(""),
    safetyNotesEs: text(1000).default(""),
    safetyNotesEn: text(1000).default(""),
    legalObservers: z.boolean().default(false),
    safetyChecklist: safetyChecklistInput.default(safetyChecklistInput.parse({})),
  })
  .superRefine((details, ctx) => void resolvePlace(details, borderBox, ctx, { named: false }))
  .transform((details, ctx) => {
    const { placeId: _placeId, placeName: _placeName, ...rest } = details;
    const { latitude, longitude } = resolvePlace(details, borderBox, ctx, { named: false })!;
    return { ...rest, latitude, longitude };
  });
export type MeetingPointDetailsInput = z.input<typeof meetingPointDetailsInput>;

export const meetingPointIdInput = z.object({ meetingPointId: z.uuid() });
export const commentInput = meetingPointIdInput.extend({ body: text(2000).min(2) });
export const rejectInput = meetingPointIdInput.extend({ note: text(500).min(3) });
