// The groups domain: the public directory of verified groups, a group's page, and creating a
// group. Unverified groups are never listed publicly.
import { and, asc, eq, ilike, or, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { isUniqueViolation, type Database } from "@/db/client";
import { groups, memberships } from "@/db/schema";
import { recordAudit } from "../audit/audit";
import { containsPattern } from "../search";
import { DomainError, notFound } from "../errors";
import type { Actor } from "../actor";
import { after } from "../pagination";
import { DIRECTORY_PAGE_SIZE, type directoryInput, type groupDetailsInput } from "./inputs";
import { slugFromName } from "./slug";

const publicColumns = {
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
  verified: groups.verified,
};

export async function listDirectory(db: Database, input: z.output<typeof directoryInput>) {
  const filters: (SQL | undefined)[] = [eq(groups.verified, true)];
  if (input.kind) filters.push(eq(groups.kind, input.kind));
  if (input.country) filters.push(eq(groups.country, input.country));
  if (input.query) {
    const pattern = containsPattern(input.query);
    filters.push(or(ilike(groups.name, pattern), ilike(groups.city, pattern), ilike(groups.region, pattern)));
  }
  if (input.after) {
    filters.push(after([groups.name, groups.id], [input.after.name, input.after.id]));
  }
  const rows = await db
    .select({
      id: groups.id,
      slug: groups.slug,
      name: groups.name,
      kind: groups.kind,
      city: groups.city,
      region: groups.region,
      country: groups.country,
    })
    .from(groups)
    .where(and(...filters))
    .orderBy(asc(groups.name), asc(groups.id))
    .limit(DIRECTORY_PAGE_SIZE + 1);
  const page = rows.slice(0, DIRECTORY_PAGE_SIZE);
  const last = page.at(-1);
  return {
    groups: page,
    next: rows.length > DIRECTORY_PAGE_SIZE && last ? { name: last.name, id: last.id } : null,
  };
}

/**
 * A group's page, with the viewer's own membership. Unverified groups are visible only to their
 * members (pending ones included: they asked to join) and to admins, who vet them.
 */
export async function getGroupBySlug(db: Database, actor: Actor | null, slug: string) {
  const [row] = await db
    .select({
      ...publicColumns,
      rejected: groups.rejectedAt,
      vettingNote: groups.vettingNote,
      myRole: memberships.role,
      myStatus: memberships.status,
    })
    .from(groups)
    .leftJoin(memberships, and(eq(memberships.groupId, groups.id), eq(memberships.userId, actor?.id ?? "")))
    .where(eq(groups.slug, slug));
  if (!row) throw notFound();
  const { rejected, vettingNote, myRole, myStatus, ...group } = row;
  const membership = myStatus && myStatus !== "removed" ? { role: myRole!, status: myStatus } : null;
  if (!group.verified && !actor?.isAdmin && !membership) throw notFound();
  const isCoordinator = membership?.status === "active" && membership.role === "coordinator";
  return {
    ...group,
    membership,
    // The vetting outcome is for the group's coordinators and the admins who decide it.
    vetting: isCoordinator || actor?.isAdmin ? { rejected: rejected !== null, note: vettingNote } : null,
  };
}

/** Creates a group, unverified, with its creator as its first coordinator. */
export async function createGroup(db: Database, actor: Actor, input: z.output<typeof groupDetailsInput>) {
  const slug = slugFromName(input.name);
  if (slug.length < 2) throw new DomainError("BAD_REQUEST", "nameNeedsLetters");
  try {
    return await db.transaction(async (tx) => {
      const [group] = await tx
        .insert(groups)
        .values({ ...input, slug, verified: false })
        .returning({ id: groups.id, slug: groups.slug });
      await tx
        .insert(memberships)
        .values({ groupId: group!.id, userId: actor.id, role: "coordinator", status: "active" });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "group.create",
        subjectType: "group",
        subjectId: group!.id,
        groupId: group!.id,
      });
      return group!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("CONFLICT", "groupNameTaken");
    throw error;
  }
}

/** Coordinators keep their group's public details up to date (the slug never changes). */
export async function updateGroup(
  db: Database,
  actor: Actor,
  groupId: string,
  input: z.output<typeof groupDetailsInput>,
) {
  try {
    const [group] = await db
      .update(groups)
      .set(input)
      .where(eq(groups.id, groupId))
      .returning({ id: groups.id, slug: groups.slug });
    if (!group) throw notFound();
    await recordAudit(db, {
      actorId: actor.id,
      action: "group.update",
      subjectType: "group",
      subjectId: groupId,
      groupId,
    });
    return group;
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("CONFLICT", "groupNameTaken");
    throw error;
  }
}

export async function listMyGroups(db: Database, actor: Actor) {
  return db
    .select({
      groupId: groups.id,
      slug: groups.slug,
      name: groups.name,
      verified: groups.verified,
      role: memberships.role,
      status: memberships.status,
    })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .where(
      and(
        eq(memberships.userId, actor.id),
        or(eq(memberships.status, "active"), eq(memberships.status, "pending")),
      ),
    )
    .orderBy(asc(memberships.status), asc(groups.name));
}
