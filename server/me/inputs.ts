// What a person may change about themselves. Shared by the /me form and the procedure.
import { z } from "zod";
import { locales, skills } from "@/db/schema";
import { freeText } from "../text";

export const profileInput = z.object({
  name: freeText(80).min(1),
  preferredLanguage: z.enum(locales),
  languagesSpoken: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z]{2,3}$/),
    )
    .max(12)
    .transform((codes) => [...new Set(codes)]),
  skills: z
    .array(z.enum(skills))
    .max(skills.length)
    .transform((chosen) => [...new Set(chosen)]),
  phone: z
    .string()
    .trim()
    .max(32)
    .regex(/^$|^\+?[0-9 ()-]{6,32}$/)
    .transform((phone) => (phone === "" ? null : phone)),
});
export type ProfileInput = z.input<typeof profileInput>;
