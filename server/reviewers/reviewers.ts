// Reviewers: the people an admin trusts to review what others send in (stories, meeting points
// proposed). A grant on the user, checked against the database on every call, audited both ways.
import { and, asc, eq, ilike, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { recordAudit } from "../audit/audit";
import { notFound } from "../errors";
import type { Actor } from "../actor";
import { containsPattern } from "../search";

/** Admins, and the people an admin made reviewers. */
export async function isReviewer(db: Database, actor: Actor): Promise<boolean> {
  if (actor.isAdmin) return true;
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, actor.id), eq(users.reviewer, true)));
  return Boolean(row);
}

export async function listReviewers(db: Database) {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(eq(users.reviewer, true))
    .orderBy(asc(users.name));
}

/** Grants or revokes the reviewer role; the audit log names the person by id. */
export async function setReviewer(db: Database, actor: Actor, userId: string, reviewer: boolean) {
  return db.transaction(async (tx) => {
    const [changed] = await tx
      .update(users)
      .set({ reviewer })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    if (!changed) throw notFound();
    await recordAudit(tx, {
      actorId: actor.id,
      action: reviewer ? "user.reviewer_grant" : "user.reviewer_revoke",
      subjectType: "user",
      subjectId: userId,
    });
    return { userId, reviewer };
  });
}

/** "lupe@puente.example.org" as "l…@puente.example.org": enough to tell two people apart. */
export function maskedEmail(email: string | null): string {
  if (email === null) return "…";
  const at = email.lastIndexOf("@");
  return at <= 0 ? "…" : `${email.slice(0, 1)}…${email.slice(at)}`;
}

/**
 * People an admin may make reviewers, found by a whole email address (never a part of one: the
 * search does not list addresses) or by part of their display name; at most 20, by name. Each with
 * their masked address and whether they review already.
 */
export async function findPeople(db: Database, query: string) {
  const byEmail = query.includes("@");
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      reviewer: users.reviewer,
      isAdmin: users.isAdmin,
    })
    .from(users)
    .where(
      byEmail
        ? eq(sql`lower(${users.email})`, query.toLowerCase())
        : ilike(users.name, containsPattern(query)),
    )
    .orderBy(asc(users.name))
    .limit(20);
  return rows.map(({ email, ...person }) => ({ ...person, email: maskedEmail(email) }));
}
