// A person's own account: reading and editing their profile, and ending their sessions.
import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { Database } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { recordAudit } from "../audit/audit";
import { notFound } from "../errors";
import type { Actor } from "../actor";
import type { profileInput } from "./inputs";

export async function getProfile(db: Database, actor: Actor) {
  const [profile] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      preferredLanguage: users.preferredLanguage,
      languagesSpoken: users.languagesSpoken,
      skills: users.skills,
      phone: users.phone,
      isAdmin: users.isAdmin,
    })
    .from(users)
    .where(eq(users.id, actor.id));
  if (!profile) throw notFound();
  return profile;
}

export async function updateProfile(db: Database, actor: Actor, input: z.output<typeof profileInput>) {
  const [updated] = await db
    .update(users)
    .set(input)
    .where(eq(users.id, actor.id))
    .returning({ id: users.id });
  if (!updated) throw notFound();
  return getProfile(db, actor);
}

/** Ends every session of the actor at once, this one included (a lost or seized phone). */
export async function endAllSessions(db: Database, actor: Actor) {
  const ended = await db
    .delete(sessions)
    .where(eq(sessions.userId, actor.id))
    .returning({ userId: sessions.userId });
  await recordAudit(db, {
    actorId: actor.id,
    action: "auth.sign_out_everywhere",
    subjectType: "user",
    subjectId: actor.id,
    detail: { sessions: ended.length },
  });
  return { ended: ended.length };
}
