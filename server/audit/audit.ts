// Writing to the audit log. Every sensitive read and write calls `recordAudit` in the same
// transaction as the change it records, so the log cannot miss a change that happened.
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
