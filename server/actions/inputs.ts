// Inputs of the actions domain. Times arrive as the wall-clock date and time of the action's
// time zone, as a person types them, and leave as UTC instants.
import { fromZonedTime } from "date-fns-tz";
import { z } from "zod";
import { actionKinds, actionVisibilities, locales, skills } from "@/db/schema";
import { freeText } from "../text";

/** The border's time zones, west to east; an action happens in one of them. */
export const timeZones = [
  "America/Tijuana",
  "America/Hermosillo",
  "America/Phoenix",
  "America/Ciudad_Juarez",
  "America/Denver",
  "America/Chihuahua",
  "America/Chicago",
  "America/Monterrey",
  "America/Matamoros",
  "America/Mexico_City",
] as const;

/** How long before a members-only action starts its confirmed volunteers see the exact place. */
export const DEFAULT_REVEAL_HOURS = 12;

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const text = freeText;

const toInstant = (day: string, clock: string, zone: string) => fromZonedTime(`${day}T${clock}:00`, zone);

export const actionDetailsInput = z
  .object({
    title: text(120).min(3),
    kind: z.enum(actionKinds),
    description: text(4000),
    placeName: text(160).min(2),
    exactLocation: text(300),
    revealHoursBefore: z.coerce.number().int().min(1).max(168).default(DEFAULT_REVEAL_HOURS),
    timeZone: z.enum(timeZones),
    startDate: date,
    startTime: time,
    endDate: date,
    endTime: time,
    languages: z.array(z.enum(locales)).max(locales.length).default([]),
    visibility: z.enum(actionVisibilities),
    /** The border meeting point it gathers at; the form's "none" is the empty string. */
    meetingPointId: z.preprocess((value) => (value === "" ? null : value), z.uuid().nullable()).default(null),
  })
  .transform(({ startDate, startTime, endDate, endTime, ...rest }, ctx) => {
    const startsAt = toInstant(startDate, startTime, rest.timeZone);
    const endsAt = toInstant(endDate, endTime, rest.timeZone);
    if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime())) {
      ctx.addIssue({ code: "custom", path: ["startDate"], message: "invalid date" });
      return z.NEVER;
    }
    if (endsAt <= startsAt) {
      ctx.addIssue({ code: "custom", path: ["endTime"], params: { key: "endsBeforeStart" } });
      return z.NEVER;
    }
    return { ...rest, languages: [...new Set(rest.languages)], startsAt, endsAt };
  });
export type ActionDetailsInput = z.input<typeof actionDetailsInput>;

/**
 * The shift an action is created with, if its organizer names one: it spans the whole action, so
 * people can sign up at once; more shifts are added on the action's page.
 */
export const firstShiftInput = z.object({
  role: text(80).min(2),
  capacity: z.coerce.number().int().min(1).max(10_000),
});

export const actionIdInput = z.object({ actionId: z.uuid() });
export const shiftIdInput = z.object({ shiftId: z.uuid() });

export const shiftDetailsInput = z.object({
  role: text(80).min(2),
  date,
  startTime: time,
  endTime: time,
  capacity: z.coerce.number().int().min(1).max(10_000),
  wantedSkills: z.array(z.enum(skills)).max(skills.length).default([]),
});
export type ShiftDetailsInput = z.input<typeof shiftDetailsInput>;

export const ACTIONS_PAGE_SIZE = 20;

export const actionListInput = z.object({
  place: text(100).optional(),
  kind: z.enum(actionKinds).optional(),
  from: date.optional(),
  language: z.enum(locales).optional(),
  skill: z.enum(skills).optional(),
  groupId: z.uuid().optional(),
  after: z.object({ startsAt: z.date(), id: z.uuid() }).optional(),
});

export const signUpInput = shiftIdInput.extend({ shareContact: z.boolean().default(false) });

export const signUpByEmailInput = z.object({
  shiftId: z.uuid(),
  name: text(80).min(1),
  email: z.email().trim().toLowerCase().max(254),
});

export const signupIdInput = z.object({ signupId: z.uuid() });

export const checkInInput = signupIdInput.extend({ attended: z.boolean() });

export { toInstant };
