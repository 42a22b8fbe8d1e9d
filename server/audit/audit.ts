// Writing to the audit log. Every sensitive read and write calls `recordAudit` in the same
// transaction as the change it records, so the log cannot miss a change that happened.
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { auditEvents } from "@/db/schema";

export interface AuditEntry {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId?: string | null;
  groupId?: string | null;
  detail?: Record<string, string | number | boolean | null>;
}

export async function recordAudit(db: Database, entry: AuditEntry): Promise<void> {
  await db.insert(auditEvents).values({
    actorId: entry.actorId,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId ?? null,
    groupId: entry.groupId ?? null,
    detail: entry.detail ?? null,
  });
}

/**
 * Records a sensitive read (caravan positions, needs) once per person, subject and UTC day: who
 * looked is what the log must answer, and a reload every minute would otherwise write a row each
 * time. Two reads at the same instant may both be written; nothing is lost either way.
 */
export async function recordReadOnceADay(db: Database, entry: AuditEntry & { actorId: string }) {
  const subjectId = entry.subjectId ?? null;
  await db.execute(sql`
    insert into audit_events (actor_id, action, subject_type, subject_id, group_id)
    select ${entry.actorId}::text, ${entry.action}::text, ${entry.subjectType}::text, ${subjectId}::text,
      ${entry.groupId ?? null}::uuid
    where not exists (
      select 1 from audit_events
      where actor_id = ${entry.actorId} and at >= date_trunc('day', now() at time zone 'utc') at time zone 'utc'
        and action = ${entry.action} and subject_id is not distinct from ${subjectId}::text)`);
}
