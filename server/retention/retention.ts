// Retention clocks: how long each class of field data is kept, set here and nowhere else, shown
// to admins at /admin/retention and enforced by a daily sweep from the job queue. Collect only
// what is used, keep it only as long as needed (EFF): when an operation is over, its traces go.
import { and, desc, eq, inArray, isNotNull, lt, notInArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  actions,
  auditEvents,
  caravanReports,
  jobs,
  messageDeliveries,
  phoneSignInCodes,
  phoneVerifications,
  sessions,
  smsDeliveries,
  smsInbound,
  smsReminders,
  shifts,
  signups,
  verificationTokens,
} from "@/db/schema";
import { recordAudit } from "../audit/audit";
import { fromTenths, regionOf, regions, toTenths } from "../caravans/position";
import { defineJob, type JobKind } from "../jobs/kinds";
import { enqueue } from "../jobs/queue";

const DAY = 86_400_000;

export interface RetentionClock {
  /** Names the clock in the admin page's catalog (retention.clocks.<key>). */
  key: "rosterContacts" | "caravanPositions" | "jobLog" | "smsTexts" | "auditLog" | "expiredSignIns";
  days: number;
  /** Removes what the clock says is over at `now`; returns how many rows it touched. */
  sweep: (db: Database, now: Date) => Promise<number>;
}

const before = (now: Date, days: number) => new Date(now.getTime() - days * DAY);
const regionPoints = Object.values(regions).map(([longitude, latitude]) => toTenths(latitude, longitude));

export const retentionClocks: RetentionClock[] = [
  {
    // Organizers see volunteers' contact details on a roster only while they may need them.
    key: "rosterContacts",
    days: 30,
    async sweep(db, now) {
      const over = db
        .select({ id: shifts.id })
        .from(shifts)
        .innerJoin(actions, eq(actions.id, shifts.actionId))
        .where(lt(actions.endsAt, before(now, 30)));
      const rows = await db
        .update(signups)
        .set({ shareContact: false })
        .where(and(eq(signups.shareContact, true), inArray(signups.shiftId, over)))
        .returning({ id: signups.id });
      return rows.length;
    },
  },
  {
    // A caravan's past positions are its route: after 14 days each report keeps only its region
    // (its position becomes the region's marker point); place, headcount and needs stay.
    key: "caravanPositions",
    days: 14,
    async sweep(db, now) {
      const old = await db
        .select({
          id: caravanReports.id,
          latitudeTenths: caravanReports.latitudeTenths,
          longitudeTenths: caravanReports.longitudeTenths,
        })
        .from(caravanReports)
        .where(
          and(
            lt(caravanReports.reportedAt, before(now, 14)),
            // Already a region's point: nothing left to blur, so not read again every day.
            notInArray(
              sql`(${caravanReports.latitudeTenths}, ${caravanReports.longitudeTenths})`,
              regionPoints.map((p) => sql`(${p.latitudeTenths}, ${p.longitudeTenths})`),
            ),
          ),
        );
      for (const report of old) {
        const [longitude, latitude] = regions[regionOf(fromTenths(report))];
        await db
          .update(caravanReports)
          .set(toTenths(latitude, longitude))
          .where(eq(caravanReports.id, report.id));
      }
      return old.length;
    },
  },
  {
    // Finished jobs are the log of emails sent (to whom, about what), and a delivery's last error
    // is the mail server's answer (often naming the address): kept 30 days for support.
    key: "jobLog",
    days: 30,
    async sweep(db, now) {
      const [finished, errors] = await Promise.all([
        db
          .delete(jobs)
          .where(and(isNotNull(jobs.doneAt), lt(jobs.doneAt, before(now, 30))))
          .returning({ id: jobs.id }),
        db
          .update(messageDeliveries)
          .set({ lastError: null })
          .where(
            and(isNotNull(messageDeliveries.lastError), lt(messageDeliveries.createdAt, before(now, 30))),
          )
          .returning({ id: messageDeliveries.id }),
      ]);
      return finished.length + errors.length;
    },
  },
  {
    // Texts people sent that matched no thread (their words and number, read by admins), the
    // record of every text received, the carriers' reasons for a failed SMS, and the shift reminders
    // texted (with their number; answerable only until the shift starts).
    key: "smsTexts",
    days: 30,
    async sweep(db, now) {
      const [received, reasons, reminders] = await Promise.all([
        db
          .delete(smsInbound)
          .where(lt(smsInbound.receivedAt, before(now, 30)))
          .returning({ id: smsInbound.id }),
        db
          .update(smsDeliveries)
          .set({ reason: null })
          .where(and(isNotNull(smsDeliveries.reason), lt(smsDeliveries.createdAt, before(now, 30))))
          .returning({ id: smsDeliveries.id }),
        db
          .delete(smsReminders)
          .where(lt(smsReminders.createdAt, before(now, 30)))
          .returning({ id: smsReminders.id }),
      ]);
      return received.length + reasons.length + reminders.length;
    },
  },
  {
    key: "auditLog",
    days: 365,
    async sweep(db, now) {
      const rows = await db
        .delete(auditEvents)
        .where(lt(auditEvents.at, before(now, 365)))
        .returning({ id: auditEvents.id });
      return rows.length;
    },
  },
  {
    // Sessions, sign-in links, and phone verification and sign-in codes nobody can use any more.
    key: "expiredSignIns",
    days: 0,
    async sweep(db, now) {
      const [gone, links, codes, signInCodes] = await Promise.all([
        db.delete(sessions).where(lt(sessions.expires, now)).returning({ token: sessions.sessionToken }),
        db
          .delete(verificationTokens)
          .where(lt(verificationTokens.expires, now))
          .returning({ token: verificationTokens.token }),
        db
          .delete(phoneVerifications)
          .where(lt(phoneVerifications.expiresAt, now))
          .returning({ userId: phoneVerifications.userId }),
        db
          .delete(phoneSignInCodes)
          .where(lt(phoneSignInCodes.expiresAt, now))
          .returning({ ticket: phoneSignInCodes.ticket }),
      ]);
      return gone.length + links.length + codes.length + signInCodes.length;
    },
  },
];

/** Runs every clock at `now`, in one transaction, and records what it removed in the audit log. */
export async function sweepRetention(db: Database, now = new Date()): Promise<Record<string, number>> {
  return db.transaction(async (tx) => {
    const removed: Record<string, number> = {};
    for (const clock of retentionClocks) removed[clock.key] = await clock.sweep(tx, now);
    await recordAudit(tx, {
      actorId: null,
      action: "retention.sweep",
      subjectType: "retention",
      detail: removed,
    });
    return removed;
  });
}

export const SWEEP_JOB = "retention.sweep" satisfies JobKind;
const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/** Makes sure today's sweep is queued (once, whichever app server asks first). */
export async function scheduleRetentionSweep(db: Database, now = new Date()) {
  await enqueue(db, { kind: SWEEP_JOB, payload: {}, runAt: now, dedupeKey: `${SWEEP_JOB}:${dayOf(now)}` });
}

/** Sweeps today, then queues tomorrow's sweep. */
export const retentionSweepJob = defineJob(SWEEP_JOB, async (db) => {
  await sweepRetention(db);
  const tomorrow = new Date(Date.now() + DAY);
  tomorrow.setUTCHours(3, 0, 0, 0); // a quiet hour at the border
  await enqueue(db, {
    kind: SWEEP_JOB,
    payload: {},
    runAt: tomorrow,
    dedupeKey: `${SWEEP_JOB}:${dayOf(tomorrow)}`,
  });
});

/** The clocks as admins see them, with the last sweep's time and what it removed. */
export async function retentionOverview(db: Database) {
  const [last] = await db
    .select({ at: auditEvents.at, detail: auditEvents.detail })
    .from(auditEvents)
    .where(eq(auditEvents.action, "retention.sweep"))
    .orderBy(desc(auditEvents.at))
    .limit(1);
  return {
    clocks: retentionClocks.map(({ key, days }) => ({ key, days })),
    lastSweep: last ? { at: last.at, removed: (last.detail ?? {}) as Record<string, number> } : null,
  };
}
