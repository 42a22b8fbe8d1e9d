// Inputs of caravans and their reports (with the needs they name): zod schemas, shared with the forms.
import { z } from "zod";
import { caravanStatuses, countries, needKinds } from "@/db/schema";
import { freeText, userId } from "../text";
import { placeFields, resolvePlace } from "../places/resolve";
import { caravanBox } from "./position";

const text = freeText;
/** A calendar day between 2000 and 2100 that exists (no 30 February). */
export const day = z
  .string()
  .regex(/^(20\d{2}|2100)-\d{2}-\d{2}$/)
  .refine(
    (s) => {
      const at = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(at.getTime()) && at.toISOString().startsWith(s);
    },
    { params: { key: "noSuchDay" } },
  );
/** Forms send "" for an empty field; it means "not given". */
const blank = z.literal("").transform(() => undefined);

export const caravanIdInput = z.object({ caravanId: z.uuid() });
export const reportIdInput = z.object({ reportId: z.uuid() });

export const caravanDetailsInput = z.object({
  name: text(120)
    .min(3)
    .regex(/^[\p{L}\p{N}]/u),
  origin: z.enum(countries),
  departureDate: day,
  estimatedSize: z.coerce.number().int().min(0).max(100_000),
  status: z.enum(caravanStatuses).default("forming"),
});
export type CaravanDetailsInput = z.input<typeof caravanDetailsInput>;

export const createCaravanInput = z.object({ details: caravanDetailsInput });
export const updateCaravanInput = caravanIdInput.extend({ details: caravanDetailsInput });

/** A delegate is named by the email they sign in with, or by the phone number they sign in with. */
export const addDelegateInput = z.union([
  caravanIdInput.extend({ email: z.email().max(254) }),
  caravanIdInput.extend({ phone: z.string().trim().min(1).max(40) }),
]);
export const removeDelegateInput = caravanIdInput.extend({ userId });

export const needInput = z
  .object({
    kind: z.enum(needKinds),
    quantity: z.coerce.number().int().min(1).max(1_000_000).optional().or(blank),
    note: text(300).default(""),
  })
  .refine((n) => n.quantity !== undefined || n.note !== "", {
    path: ["quantity"],
    params: { key: "quantityOrNote" },
  });

export const reportInput = caravanIdInput
  .extend({
    /** The verified group the reporter speaks for; a delegate may leave it out. */
    groupId: z.uuid().optional().or(blank),
    // Where the caravan is: a town from the gazetteer, or a position rounded on the phone; the
    // position is never taken from an earlier report (server/places/resolve.ts).
    ...placeFields(caravanBox),
    headcount: z.coerce.number().int().min(0).max(100_000),
    needs: z.array(needInput).max(needKinds.length).default([]),
    expectedMeetingPointId: z.uuid().optional().or(blank),
    expectedFrom: day.optional().or(blank),
    expectedUntil: day.optional().or(blank),
  })
  .superRefine((report, ctx) => {
    resolvePlace(report, caravanBox, ctx);
    const kinds = report.needs.map((n) => n.kind);
    if (new Set(kinds).size !== kinds.length) {
      ctx.addIssue({ code: "custom", path: ["needs"], params: { key: "needTwice" } });
    }
    if (report.expectedFrom && report.expectedUntil && report.expectedUntil < report.expectedFrom) {
      ctx.addIssue({ code: "custom", path: ["expectedUntil"], params: { key: "endsBeforeStart" } });
    }
    if ((report.expectedFrom || report.expectedUntil) && !report.expectedMeetingPointId) {
      ctx.addIssue({
        code: "custom",
        path: ["expectedMeetingPointId"],
        params: { key: "arrivalNeedsPlace" },
      });
    }
  })
  .transform((report, ctx) => {
    const { placeId: _placeId, ...rest } = report;
    return { ...rest, ...resolvePlace(report, caravanBox, ctx)! };
  });
export type ReportInput = z.input<typeof reportInput>;

export const confirmInput = reportIdInput.extend({ groupId: z.uuid().optional().or(blank) });
