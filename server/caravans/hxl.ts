// Caravan aggregates for humanitarian tools, as CSV with HXL hashtags (hxlstandard.org) in the
// second row. Verified coordinators only; positions displaced as on every page; no person, group or
// free text in it; every download on the record.
import { desc, eq, gt, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { caravanReports, caravans } from "@/db/schema";
import { recordAudit } from "../audit/audit";
import { spreadsheetCsv } from "../csv";
import type { Actor } from "../actor";
import { needsOfReports } from "./caravans";
import { fromTenths, regionOf } from "./position";
import { displacedPosition, displacementKey } from "./protection";

/** The columns: a human header, then the HXL hashtag of each. */
export const hxlColumns = [
  ["Caravan", "#group+name"],
  ["Reported", "#date+reported"],
  ["Region", "#adm1+name"],
  ["Place", "#loc+name"],
  ["Latitude (displaced)", "#geo+lat"],
  ["Longitude (displaced)", "#geo+lon"],
  ["People", "#affected+displaced"],
  ["Needs", "#need"],
] as const;

const regionNames = {
  southeast: "Southeast Mexico",
  south: "South Mexico",
  center: "Central Mexico",
  north: "North Mexico",
  borderWest: "Border, west",
  borderEast: "Border, east",
  us: "United States",
} as const;

/**
 * Reports of the last 90 days, newest first, one row each; for caravan coordinators
 * (`caravanCoordinatorProcedure`, server/builders.ts).
 */
export async function hxlExport(db: Database, actor: Actor): Promise<string> {
  const reports = await db
    .select({
      id: caravanReports.id,
      caravan: caravans.name,
      reportedAt: caravanReports.reportedAt,
      placeName: caravanReports.placeName,
      latitudeTenths: caravanReports.latitudeTenths,
      longitudeTenths: caravanReports.longitudeTenths,
      headcount: caravanReports.headcount,
    })
    .from(caravanReports)
    .innerJoin(caravans, eq(caravans.id, caravanReports.caravanId))
    .where(gt(caravanReports.reportedAt, sql`now() - interval '90 days'`))
    .orderBy(desc(caravanReports.reportedAt))
    .limit(5000);
  const needs = await needsOfReports(
    db,
    reports.map((r) => r.id),
  );
  const key = await displacementKey(db);
  const rows = reports.map((r) => {
    const shown = displacedPosition(key, r.id, r);
    return [
      r.caravan,
      r.reportedAt.toISOString().slice(0, 10),
      regionNames[regionOf(fromTenths(r))],
      r.placeName,
      shown.latitude,
      shown.longitude,
      r.headcount,
      needs
        .filter((n) => n.reportId === r.id)
        .map((n) => n.kind)
        .sort()
        .join(" "),
    ];
  });
  await recordAudit(db, {
    actorId: actor.id,
    action: "caravan.export_hxl",
    subjectType: "caravan",
    detail: { rows: rows.length },
  });
  return spreadsheetCsv([hxlColumns.map(([name]) => name), hxlColumns.map(([, tag]) => tag), ...rows]);
}
