// Reading the audit log (admins only), newest first, filtered by actor, group and kind of event.
import { and, desc, eq, like, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Database } from "@/db/client";
import { auditEvents, groups, users } from "@/db/schema";
import { after } from "../pagination";
import { AUDIT_PAGE_SIZE, type auditQueryInput } from "./inputs";

export async function listAuditEvents(db: Database, input: z.output<typeof auditQueryInput>) {
  const filters: (SQL | undefined)[] = [];
  if (input.actorId) filters.push(eq(auditEvents.actorId, input.actorId));
  if (input.groupId) filters.push(eq(auditEvents.groupId, input.groupId));
  if (input.kind) filters.push(like(auditEvents.action, `${input.kind}.%`));
  if (input.before) {
    // Newest first: the next page holds the rows before this one in time.
    filters.push(after([auditEvents.at, auditEvents.id], [input.before.at, input.before.id], "desc"));
  }
  const rows = await db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      actorId: auditEvents.actorId,
      actorName: users.name,
      subjectType: auditEvents.subjectType,
      subjectId: auditEvents.subjectId,
      groupId: auditEvents.groupId,
      groupName: groups.name,
      detail: auditEvents.detail,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .leftJoin(groups, eq(groups.id, auditEvents.groupId))
    .where(and(...filters))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(AUDIT_PAGE_SIZE + 1);
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  const last = page.at(-1);
  return { events: page, next: rows.length > AUDIT_PAGE_SIZE && last ? { at: last.at, id: last.id } : null };
}
