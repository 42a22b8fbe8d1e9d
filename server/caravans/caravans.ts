// Caravans and their reports: coordinators create and edit caravans, their editors name their delegates,
// delegates and verified groups report where a caravan is and what it needs, and a second group (or
// a coordinator) confirms a report. Every caravan leaves through `showCaravan` (visibility.ts).
import { and, desc, eq, gt, inArray, ne, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Database } from "@/db/client";
import {
  caravanDelegates,
  caravanReports,
  caravans,
  groups,
  meetingPoints,
  phoneNumbers,
  pledges,
  reportNeeds,
  users,
  type CaravanStatus,
} from "@/db/schema";
import { alias } from "drizzle-orm/pg-core";
import { recordAudit, recordReadOnceADay } from "../audit/audit";
import { carryPledges, lockCaravanNeeds } from "../needs/carry-over";
import { DomainError, notFound } from "../errors";
import { toE164 } from "../sms/numbers";
import { verifiedGroupsOf } from "../groups/membership";
import type { Actor } from "../actor";
import {
  caravanViewer,
  isCaravanCoordinator,
  isCaravanEditor,
  isDelegate,
  type CaravanReporter,
  type ReportToConfirm,
} from "./access";
import type { caravanDetailsInput, reportInput } from "./inputs";
import { toTenths } from "./position";
import { displacementKey } from "./protection";
import { showCaravan, type CaravanRecord, type NeedRecord, type ReportRecord } from "./visibility";

type CaravanDetails = z.output<typeof caravanDetailsInput>;
const TIMELINE_LENGTH = 50;

export const caravanColumns = {
  id: caravans.id,
  name: caravans.name,
  origin: caravans.origin,
  departureDate: caravans.departureDate,
  estimatedSize: caravans.estimatedSize,
  status: caravans.status,
};

/**
 * The newest report of each of `caravanIds`, with how many independent groups reported or
 * confirmed a report at that same position (its corroboration).
 */
export async function latestReports(db: Database, caravanIds: string[]) {
  if (caravanIds.length === 0) return new Map<string, CaravanRecord["latest"]>();
  const [rows, recent] = await Promise.all([
    db
      .selectDistinctOn([caravanReports.caravanId], {
        caravanId: caravanReports.caravanId,
        id: caravanReports.id,
        placeName: caravanReports.placeName,
        latitudeTenths: caravanReports.latitudeTenths,
        longitudeTenths: caravanReports.longitudeTenths,
        headcount: caravanReports.headcount,
        reportedAt: caravanReports.reportedAt,
        reporterGroupId: caravanReports.reporterGroupId,
      })
      .from(caravanReports)
      .where(inArray(caravanReports.caravanId, caravanIds))
      .orderBy(caravanReports.caravanId, desc(caravanReports.reportedAt), desc(caravanReports.id)),
    db
      .select({
        caravanId: caravanReports.caravanId,
        latitudeTenths: caravanReports.latitudeTenths,
        longitudeTenths: caravanReports.longitudeTenths,
        reporterGroupId: caravanReports.reporterGroupId,
        confirmedGroupId: caravanReports.confirmedGroupId,
      })
      .from(caravanReports)
      .where(
        and(
          inArray(caravanReports.caravanId, caravanIds),
          gt(caravanReports.reportedAt, sql`now() - interval '14 days'`),
        ),
      ),
  ]);
  return new Map(
    rows.map(({ caravanId, ...latest }) => {
      const groups = new Set<string>();
      for (const r of recent) {
        if (
          r.caravanId !== caravanId ||
          r.latitudeTenths !== latest.latitudeTenths ||
          r.longitudeTenths !== latest.longitudeTenths
        )
          continue;
        if (r.reporterGroupId) groups.add(r.reporterGroupId);
        if (r.confirmedGroupId) groups.add(r.confirmedGroupId);
      }
      return [caravanId, { ...latest, groupsConfirming: groups.size }];
    }),
  );
}

/** Every caravan, on the move first, as the viewer may see it. */
export async function listCaravans(db: Database, actor: Actor | null) {
  const viewer = await caravanViewer(db, actor);
  const rows = await db
    .select(caravanColumns)
    .from(caravans)
    .orderBy(
      sql`array_position(array['in_transit','stopped','forming','arrived','dispersed']::caravan_status[], ${caravans.status})`,
      desc(caravans.departureDate),
    )
    .limit(200);
  const key = await displacementKey(db);
  const latest = await latestReports(
    db,
    rows.map((r) => r.id),
  );
  if (viewer.access === "full" && actor) {
    await recordReadOnceADay(db, {
      actorId: actor.id,
      action: "caravan.read_positions",
      subjectType: "caravan",
    });
  }
  return {
    access: viewer.access,
    caravans: rows.map((row) => showCaravan(viewer, { ...row, latest: latest.get(row.id) ?? null }, key)),
    canCreate: await isCaravanCoordinator(db, actor),
  };
}

/** The needs of `reportIds`, by kind. */
export async function needsOfReports(db: Database, reportIds: string[]) {
  if (reportIds.length === 0) return [];
  return db
    .select({
      id: reportNeeds.id,
      reportId: reportNeeds.reportId,
      kind: reportNeeds.kind,
      quantity: reportNeeds.quantity,
      note: reportNeeds.note,
    })
    .from(reportNeeds)
    .where(inArray(reportNeeds.reportId, reportIds))
    .orderBy(reportNeeds.kind);
}

/** Pledged amounts (pledged or delivered, not withdrawn) per need. */
export async function pledgedPerNeed(db: Database, needIds: string[]) {
  if (needIds.length === 0) return new Map<string, number>();
  const rows = await db
    .select({ needId: pledges.needId, total: sql<number>`sum(${pledges.quantity})::int` })
    .from(pledges)
    .where(and(inArray(pledges.needId, needIds), ne(pledges.status, "withdrawn")))
    .groupBy(pledges.needId);
  return new Map(rows.map((r) => [r.needId, r.total]));
}

const reporterGroup = alias(groups, "reporter_group");
const confirmerGroup = alias(groups, "confirmer_group");

/** The timeline of a caravan, newest first, with what `actor` may do to each report. */
async function timelineOf(db: Database, actor: Actor, caravanId: string): Promise<ReportRecord[]> {
  const reports = await db
    .select({
      id: caravanReports.id,
      placeName: caravanReports.placeName,
      latitudeTenths: caravanReports.latitudeTenths,
      longitudeTenths: caravanReports.longitudeTenths,
      headcount: caravanReports.headcount,
      verification: caravanReports.verification,
      reportedAt: caravanReports.reportedAt,
      reportedBy: caravanReports.reportedBy,
      reporterGroupId: caravanReports.reporterGroupId,
      reporterName: users.name,
      reporterGroupName: reporterGroup.name,
      confirmedGroupName: confirmerGroup.name,
      confirmedAt: caravanReports.confirmedAt,
      expectedMeetingPointId: caravanReports.expectedMeetingPointId,
      expectedMeetingPointName: meetingPoints.name,
      expectedFrom: caravanReports.expectedFrom,
      expectedUntil: caravanReports.expectedUntil,
    })
    .from(caravanReports)
    .leftJoin(users, eq(users.id, caravanReports.reportedBy))
    .leftJoin(reporterGroup, eq(reporterGroup.id, caravanReports.reporterGroupId))
    .leftJoin(confirmerGroup, eq(confirmerGroup.id, caravanReports.confirmedGroupId))
    .leftJoin(meetingPoints, eq(meetingPoints.id, caravanReports.expectedMeetingPointId))
    .where(eq(caravanReports.caravanId, caravanId))
    .orderBy(desc(caravanReports.reportedAt), desc(caravanReports.id))
    .limit(TIMELINE_LENGTH);
  const needs = await needsOfReports(
    db,
    reports.map((r) => r.id),
  );
  const pledged = await pledgedPerNeed(
    db,
    needs.map((n) => n.id),
  );
  const [coordinator, myGroups] = await Promise.all([
    isCaravanCoordinator(db, actor),
    verifiedGroupsOf(db, actor),
  ]);
  return reports.map(({ reportedBy, ...report }) => ({
    ...report,
    needs: needs
      .filter((n) => n.reportId === report.id)
      .map(({ reportId: _r, ...n }): NeedRecord => ({ ...n, pledged: pledged.get(n.id) ?? 0 })),
    canConfirm:
      report.verification === "unverified" &&
      reportedBy !== actor.id &&
      (coordinator || myGroups.some((g) => g.id !== report.reporterGroupId)),
  }));
}

/** One caravan as the viewer may see it; reading the full timeline is on the record. */
export async function getCaravan(db: Database, actor: Actor | null, caravanId: string) {
  const [row] = await db.select(caravanColumns).from(caravans).where(eq(caravans.id, caravanId));
  if (!row) throw notFound();
  const viewer = await caravanViewer(db, actor, caravanId);
  const latest = (await latestReports(db, [caravanId])).get(caravanId) ?? null;
  const record: CaravanRecord = { ...row, latest };
  let reportingGroups: { id: string; name: string }[] = [];
  let delegate = false;
  let editor = false;
  if (viewer.access === "full" && actor) {
    [record.timeline, reportingGroups, delegate, editor] = await Promise.all([
      timelineOf(db, actor, caravanId),
      verifiedGroupsOf(db, actor),
      isDelegate(db, actor, caravanId),
      isCaravanEditor(db, actor, caravanId),
    ]);
    // Who speaks for the caravan is for those who may change it (caravans.addDelegate's audience).
    if (editor) {
      record.delegates = await db
        .select({ userId: caravanDelegates.userId, name: users.name })
        .from(caravanDelegates)
        .innerJoin(users, eq(users.id, caravanDelegates.userId))
        .where(eq(caravanDelegates.caravanId, caravanId))
        .orderBy(users.name);
    }
    await recordReadOnceADay(db, {
      actorId: actor.id,
      action: "caravan.read_timeline",
      subjectType: "caravan",
      subjectId: caravanId,
    });
  }
  return {
    caravan: showCaravan(viewer, record, await displacementKey(db)),
    canEdit: await isCaravanCoordinator(db, actor),
    canReport: row.status !== "dispersed" && (delegate || reportingGroups.length > 0),
    isDelegate: delegate,
    reportingGroups,
  };
}

/** A new caravan, by a caravan coordinator (`caravanCoordinatorProcedure`, server/builders.ts). */
export async function createCaravan(db: Database, actor: Actor, details: CaravanDetails) {
  // The group that registers it is the first verified group the creator coordinates (an admin
  // who coordinates none registers it alone): that group's coordinators may edit it afterwards.
  const [registrar] = await verifiedGroupsOf(db, actor, ["coordinator"]);
  return db.transaction(async (tx) => {
    const [caravan] = await tx
      .insert(caravans)
      .values({ ...details, createdBy: actor.id, groupId: registrar?.id ?? null })
      .returning({ id: caravans.id });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "caravan.create",
      subjectType: "caravan",
      subjectId: caravan!.id,
    });
    return caravan!;
  });
}

/** Edits a caravan, by its editors (`onCaravan("editor")`, server/builders.ts). */
export async function updateCaravan(db: Database, actor: Actor, caravanId: string, details: CaravanDetails) {
  return db.transaction(async (tx) => {
    const [caravan] = await tx
      .update(caravans)
      .set({ ...details, updatedAt: sql`now()` })
      .where(eq(caravans.id, caravanId))
      .returning({ id: caravans.id });
    if (!caravan) throw notFound();
    await recordAudit(tx, {
      actorId: actor.id,
      action: "caravan.update",
      subjectType: "caravan",
      subjectId: caravanId,
      detail: { status: details.status },
    });
    return caravan;
  });
}

/** A caravan's editors name its delegates by the email or number they signed in with. */
/**
 * Names a delegate by the email or the phone number they sign in with (a delegate may have only a
 * phone). Only someone who has signed in once can be named: nobody is made a delegate, and sent a
 * caravan's texts, on the strength of a number typed by someone else.
 */
export async function addDelegate(
  db: Database,
  actor: Actor,
  caravanId: string,
  who: { email: string } | { phone: string },
) {
  const [caravan] = await db.select({ id: caravans.id }).from(caravans).where(eq(caravans.id, caravanId));
  if (!caravan) throw notFound();
  let e164: string | null = null;
  if ("phone" in who) {
    e164 = toE164(who.phone);
    if (!e164) throw new DomainError("BAD_REQUEST", "phoneInvalid");
  }
  const [user] = e164
    ? await db
        .select({ id: users.id, name: users.name })
        .from(phoneNumbers)
        .innerJoin(users, eq(users.id, phoneNumbers.userId))
        .where(eq(phoneNumbers.e164, e164))
    : await db
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(eq(sql`lower(${users.email})`, ("email" in who ? who.email : "").toLowerCase()));
  if (!user) throw new DomainError("NOT_FOUND", "delegateUnknown");
  return db.transaction(async (tx) => {
    await tx.insert(caravanDelegates).values({ caravanId, userId: user.id }).onConflictDoNothing();
    // The audit log names the person by id, never by address.
    await recordAudit(tx, {
      actorId: actor.id,
      action: "caravan.delegate_add",
      subjectType: "caravan",
      subjectId: caravanId,
      detail: { userId: user.id },
    });
    return { userId: user.id, name: user.name };
  });
}

export async function removeDelegate(db: Database, actor: Actor, caravanId: string, userId: string) {
  return db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(caravanDelegates)
      .where(and(eq(caravanDelegates.caravanId, caravanId), eq(caravanDelegates.userId, userId)))
      .returning({ userId: caravanDelegates.userId });
    if (!removed) throw notFound();
    await recordAudit(tx, {
      actorId: actor.id,
      action: "caravan.delegate_remove",
      subjectType: "caravan",
      subjectId: caravanId,
      detail: { userId },
    });
    return removed;
  });
}

/**
 * A report from a delegate of the caravan or a member of a verified group, as `onCaravan("reporter")`
 * found them (server/builders.ts). The position is cut to tenths of a degree here, before it goes
 * anywhere near the database.
 */
export async function postReport(
  db: Database,
  actor: Actor,
  caravan: { status: CaravanStatus; reporter: CaravanReporter },
  input: z.output<typeof reportInput>,
) {
  if (caravan.status === "dispersed") throw new DomainError("CONFLICT", "caravanDispersed");
  const { isDelegate: delegate, groups: myGroups } = caravan.reporter;
  let reporterGroupId: string | null;
  if (input.groupId) {
    if (!myGroups.some((g) => g.id === input.groupId)) throw new DomainError("FORBIDDEN", "cannotReport");
    reporterGroupId = input.groupId;
  } else if (delegate) {
    reporterGroupId = null;
  } else if (myGroups[0]) {
    reporterGroupId = myGroups[0].id;
  } else {
    throw new DomainError("FORBIDDEN", "cannotReport");
  }
  if (input.expectedMeetingPointId) {
    const [point] = await db
      .select({ id: meetingPoints.id })
      .from(meetingPoints)
      .where(eq(meetingPoints.id, input.expectedMeetingPointId));
    if (!point) throw new DomainError("BAD_REQUEST", "unknownMeetingPoint");
  }
  return db.transaction(async (tx) => {
    await lockCaravanNeeds(tx, input.caravanId, "update");
    const [report] = await tx
      .insert(caravanReports)
      .values({
        caravanId: input.caravanId,
        reportedBy: actor.id,
        reporterGroupId,
        placeName: input.placeName,
        ...toTenths(input.latitude, input.longitude),
        headcount: input.headcount,
        expectedMeetingPointId: input.expectedMeetingPointId ?? null,
        expectedFrom: input.expectedFrom ?? null,
        expectedUntil: input.expectedUntil ?? null,
      })
      .returning({ id: caravanReports.id });
    if (input.needs.length) {
      const needs = await tx
        .insert(reportNeeds)
        .values(
          input.needs.map((n) => ({
            reportId: report!.id,
            kind: n.kind,
            quantity: n.quantity ?? null,
            note: n.note,
          })),
        )
        .returning({ id: reportNeeds.id, kind: reportNeeds.kind });
      await carryPledges(tx, input.caravanId, report!.id, needs);
    }
    // No position, place or headcount in the log: it records that a report was made, not where.
    await recordAudit(tx, {
      actorId: actor.id,
      action: "caravan.report",
      subjectType: "caravan_report",
      subjectId: report!.id,
      groupId: reporterGroupId,
      detail: { caravanId: input.caravanId },
    });
    return report!;
  });
}

/** Confirms a report, for the group onReport("confirmer") found (none for a coordinator). */
export async function confirmReport(db: Database, actor: Actor, report: ReportToConfirm) {
  if (report.verification === "confirmed") throw new DomainError("CONFLICT", "reportAlreadyConfirmed");
  const { confirmedGroupId } = report;
  return db.transaction(async (tx) => {
    const [confirmed] = await tx
      .update(caravanReports)
      .set({ verification: "confirmed", confirmedBy: actor.id, confirmedGroupId, confirmedAt: sql`now()` })
      .where(and(eq(caravanReports.id, report.id), eq(caravanReports.verification, "unverified")))
      .returning({ id: caravanReports.id });
    if (!confirmed) throw new DomainError("CONFLICT", "reportAlreadyConfirmed");
    await recordAudit(tx, {
      actorId: actor.id,
      action: "caravan.confirm",
      subjectType: "caravan_report",
      subjectId: report.id,
      groupId: confirmedGroupId,
    });
    return { id: report.id, verification: "confirmed" as const };
  });
}
