// The zone a person reads times in (issue 18): one of the border's zones, or null for "my device's
// zone" (the browser's, else the server's; server/i18n/zone.ts). Read from the session on every
// request (server/sessions.ts), so a change shows on the next page.
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import type { Actor } from "../actor";
import { timeZones } from "../actions/inputs";
import { notFound } from "../errors";

export const timeZoneSettingInput = z.object({ timeZone: z.enum(timeZones).nullable() });

export async function setTimeZone(
  db: Database,
  actor: Actor,
  input: z.output<typeof timeZoneSettingInput>,
): Promise<{ timeZone: string | null }> {
  const [updated] = await db
    .update(users)
    .set({ timeZone: input.timeZone })
    .where(eq(users.id, actor.id))
    .returning({ timeZone: users.timeZone });
  if (!updated) throw notFound();
  return updated;
}

export async function timeZoneSetting(db: Database, actor: Actor): Promise<{ timeZone: string | null }> {
  const [row] = await db.select({ timeZone: users.timeZone }).from(users).where(eq(users.id, actor.id));
  if (!row) throw notFound();
  return row;
}
