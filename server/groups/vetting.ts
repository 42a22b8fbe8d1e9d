// Vetting: admins verify the groups that asked to be trusted, or turn them down with a note.
// Verification is what unlocks sensitive caravan data for a group's members.
import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { groups, memberships } from "@/db/schema";
import { recordAudit } from "../audit/audit";
import { notFound } from "../errors";
import type { Actor } from "../actor";

/** Unverified groups not yet turned down, oldest first, with how many people they have. */
export async function vettingQueue(db: Database) {
  return db
    .select({
      id: groups.id,
      slug: groups.slug,
      name: groups.name,
      kind: groups.kind,
      city: groups.city,
      region: groups.region,
      country: groups.country,
      descriptionEs: groups.descriptionEs,
      descriptionEn: groups.descriptionEn,
      contact: groups.contact,
      createdAt: groups.createdAt,
      members: count(memberships.id),
    })
    .from(groups)
    .leftJoin(memberships, and(eq(memberships.groupId, groups.id), eq(memberships.status, "active")))
    .where(and(eq(groups.verified, false), isNull(groups.rejectedAt)))
    .groupBy(groups.id)
    .orderBy(asc(groups.createdAt));
}

export async function decideVetting(
  db: Database,
  actor: Actor,
  input: { groupId: string; note: string; verify: boolean },
) {
  return db.transaction(async (tx) => {
    const [group] = await tx
      .update(groups)
      .set(
        input.verify
          ? { verified: true, verifiedAt: sql`now()`, rejectedAt: null, vettingNote: input.note || null }
          : { verified: false, verifiedAt: null, rejectedAt: sql`now()`, vettingNote: input.note },
      )
      .where(eq(groups.id, input.groupId))
      .returning({ id: groups.id, verified: groups.verified });
    if (!group) throw notFound();
    await recordAudit(tx, {
      actorId: actor.id,
      action: input.verify ? "group.verify" : "group.reject",
      subjectType: "group",
      subjectId: group.id,
      groupId: group.id,
    });
    return group;
  });
}
