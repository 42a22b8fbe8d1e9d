// The groups domain: the public directory of verified groups, a group's page, and its roster
// (members only). Unverified groups are never listed publicly.
import { and, asc, eq, gt, ilike, or, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Database } from "@/db/client";
import { groups, memberships, users } from "@/db/schema";
import { notFound } from "../errors";
import type { Actor } from "../trpc";
import { DIRECTORY_PAGE_SIZE, type directoryInput } from "./inputs";

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

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listDirectory(db: Database, input: z.output<typeof directoryInput>) {
  const filters: (SQL | undefined)[] = [eq(groups.verified, true)];
  if (input.kind) filters.push(eq(groups.kind, input.kind));
  if (input.country) filters.push(eq(groups.country, input.country));
  if (input.query) {
    const pattern = `%${escapeLike(input.query)}%`;
    filters.push(or(ilike(groups.name, pattern), ilike(groups.city, pattern), ilike(groups.region, pattern)));
  }
  if (input.after) {
    filters.push(
      or(
        gt(groups.name, input.after.name),
        and(eq(groups.name, input.after.name), gt(groups.id, input.after.id)),
      ),
    );
  }
  const rows = await db
    .select(publicColumns)
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

/** A group's public page. Unverified groups are visible only to their own members and admins. */
export async function getGroupBySlug(db: Database, actor: Actor | null, slug: string) {
  const [group] = await db.select(publicColumns).from(groups).where(eq(groups.slug, slug));
  if (!group) throw notFound();
  if (!group.verified && !actor?.isAdmin && !(actor && (await isActiveMember(db, group.id, actor.id)))) {
    throw notFound();
  }
  return group;
}

export async function isActiveMember(db: Database, groupId: string, userId: string) {
  const [row] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(eq(memberships.groupId, groupId), eq(memberships.userId, userId), eq(memberships.status, "active")),
    )
    .limit(1);
  return Boolean(row);
}

/** The active members of a group with their roles; callers are checked to be members first. */
export async function listMembers(db: Database, groupId: string) {
  return db
    .select({ userId: users.id, name: users.name, role: memberships.role, since: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.groupId, groupId), eq(memberships.status, "active")))
    .orderBy(asc(memberships.role), asc(users.name));
}
