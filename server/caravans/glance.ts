// Every caravan still on its way, on one screen (the coordinators' overview): the latest report and
// its age, the headcount over the recent reports, the expected arrival, and the open needs with
// what is pledged against them. Each caravan goes through `showCaravan`, so a viewer without full
// access gets the public view (region, status, headcount band) and no headcount at all; positions
// are then left out, as this screen draws no map. A fixed number of queries, whatever the number
// of caravans.
import { desc, inArray, ne, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { caravans, type ReportVerification } from "@/db/schema";
import { recordAudit } from "../audit/audit";
import { rowsOf } from "../messages/audience";
import type { Actor } from "../actor";
import type { CaravanViewer } from "./access";
import { caravanColumns, latestReports, needsOfReports, pledgedPerNeed } from "./caravans";
import { displacementKey } from "./protection";
import { showCaravan, type CaravanRecord, type NeedRecord, type ReportRecord } from "./visibility";

/** Reports per caravan drawn in its headcount trend. */
export const TREND_LENGTH = 12;
const CARAVANS_SHOWN = 30;
/** A latest report older than this is flagged: the caravan may well have moved on. */
const STALE_MS = 3 * 86_400_000;

interface RecentReport {
  id: string;
  caravanId: string;
  placeName: string;
  latitudeTenths: number;
  longitudeTenths: number;
  headcount: number;
  verification: ReportVerification;
  reportedAt: Date | string;
  reporterGroupId: string | null;
  expectedMeetingPointId: string | null;
  expectedMeetingPointName: string | null;
  expectedFrom: string | null;
  expectedUntil: string | null;
}

/** The newest `TREND_LENGTH` reports of each caravan, newest first: one index walk per caravan. */
async function recentReports(db: Database, caravanIds: string[]) {
  if (caravanIds.length === 0) return [];
  const result = await db.execute(sql`
    select r.id, r.caravan_id as "caravanId", r.place_name as "placeName",
      r.latitude_tenths as "latitudeTenths", r.longitude_tenths as "longitudeTenths", r.headcount,
      r.verification, r.reported_at as "reportedAt", r.reporter_group_id as "reporterGroupId",
      r.expected_meeting_point_id as "expectedMeetingPointId", mp.name as "expectedMeetingPointName",
      r.expected_from::text as "expectedFrom", r.expected_until::text as "expectedUntil"
    from caravans
    cross join lateral (
      select * from caravan_reports cr where cr.caravan_id = caravans.id
      order by cr.reported_at desc, cr.id desc limit ${TREND_LENGTH}) r
    left join meeting_points mp on mp.id = r.expected_meeting_point_id
    where ${inArray(caravans.id, caravanIds)}
    order by r.caravan_id, r.reported_at desc, r.id desc`);
  return rowsOf<RecentReport>(result).map((r) => ({
    ...r,
    headcount: Number(r.headcount),
    latitudeTenths: Number(r.latitudeTenths),
    longitudeTenths: Number(r.longitudeTenths),
    reportedAt: new Date(r.reportedAt),
  }));
}

/** A report as the timeline record `showCaravan` expects; only the newest carries its needs. */
function asRecord(
  report: Awaited<ReturnType<typeof recentReports>>[number],
  needs: NeedRecord[],
): ReportRecord {
  const { caravanId: _c, ...rest } = report;
  return {
    ...rest,
    reporterName: null,
    reporterGroupName: null,
    confirmedGroupName: null,
    confirmedAt: null,
    needs,
    canConfirm: false,
  };
}

/** The caravans not dispersed, on the move first, as `viewer` may see them, without positions. */
export async function caravansAtAGlance(db: Database, actor: Actor, viewer: CaravanViewer) {
  const rows = await db
    .select(caravanColumns)
    .from(caravans)
    .where(ne(caravans.status, "dispersed"))
    .orderBy(
      sql`array_position(array['in_transit','stopped','forming','arrived']::caravan_status[], ${caravans.status})`,
      desc(caravans.departureDate),
    )
    .limit(CARAVANS_SHOWN);
  const ids = rows.map((r) => r.id);
  const full = viewer.access === "full";
  const [latest, key, recent] = await Promise.all([
    latestReports(db, ids),
    displacementKey(db),
    full ? recentReports(db, ids) : Promise.resolve([]),
  ]);
  const newest = new Map<string, string>();
  for (const report of recent) if (!newest.has(report.caravanId)) newest.set(report.caravanId, report.id);
  const needs = full ? await needsOfReports(db, [...newest.values()]) : [];
  const pledged = await pledgedPerNeed(
    db,
    needs.map((n) => n.id),
  );
  const needsOf = (reportId: string): NeedRecord[] =>
    needs
      .filter((n) => n.reportId === reportId)
      .map(({ reportId: _r, ...n }) => ({ ...n, pledged: pledged.get(n.id) ?? 0 }));

  const shown = rows.map((row) => {
    const record: CaravanRecord = { ...row, latest: latest.get(row.id) ?? null };
    if (full) {
      record.timeline = recent
        .filter((r) => r.caravanId === row.id)
        .map((r) => asRecord(r, newest.get(row.id) === r.id ? needsOf(r.id) : []));
    }
    return showCaravan(viewer, record, key);
  });
  if (full && ids.length > 0) {
    await recordAudit(db, { actorId: actor.id, action: "caravan.read_overview", subjectType: "caravan" });
  }

  return shown.map((caravan) => {
    const base = {
      id: caravan.id,
      name: caravan.name,
      origin: caravan.origin,
      status: caravan.status,
      region: caravan.region,
      corroboration: caravan.corroboration,
    };
    if (caravan.access === "public") {
      return { ...base, access: "public" as const, headcountBand: caravan.headcountBand };
    }
    return {
      ...base,
      access: "full" as const,
      estimatedSize: caravan.estimatedSize,
      latest: caravan.latest && {
        placeName: caravan.latest.placeName,
        headcount: caravan.latest.headcount,
        reportedAt: caravan.latest.reportedAt,
        stale: Date.now() - caravan.latest.reportedAt.getTime() > STALE_MS,
      },
      headcountTrend: caravan.headcountTrend,
      needs: caravan.latestNeeds,
      expectedArrival: caravan.expectedArrivals[0] ?? null,
    };
  });
}

export type CaravanAtAGlance = Awaited<ReturnType<typeof caravansAtAGlance>>[number];
