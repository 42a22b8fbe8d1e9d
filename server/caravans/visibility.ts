// What each viewer gets of a caravan: the one function every caravan leaves the server through.
// The public (and members of unverified groups) get its name, origin, status, broad region, a
// headcount band (none under 5) and how corroborated its latest position is; verified groups,
// admins and its delegates get positions displaced within their area (undisplaced only for the
// coordinators of the group that reported), headcounts, reporters and the timeline.
import type { CaravanStatus, Country, NeedKind, ReportVerification } from "@/db/schema";
import type { CaravanViewer } from "./access";
import { fromTenths, regionOf, regions, type Region, type TenthsPosition } from "./position";
import { displacedPosition, headcountBand } from "./protection";

export interface NeedRecord {
  id: string;
  kind: NeedKind;
  quantity: number | null;
  note: string;
  pledged: number;
}

export interface ReportRecord extends TenthsPosition {
  id: string;
  reporterGroupId: string | null;
  placeName: string;
  headcount: number;
  verification: ReportVerification;
  reportedAt: Date;
  reporterName: string | null;
  /** Null: the caravan's own delegate reported. */
  reporterGroupName: string | null;
  confirmedGroupName: string | null;
  confirmedAt: Date | null;
  expectedMeetingPointId: string | null;
  expectedMeetingPointName: string | null;
  expectedFrom: string | null;
  expectedUntil: string | null;
  needs: NeedRecord[];
  /** Whether the viewer may confirm it (decided by the loader, which knows the viewer's groups). */
  canConfirm: boolean;
}

export interface CaravanRecord {
  id: string;
  name: string;
  origin: Country;
  departureDate: string;
  estimatedSize: number;
  status: CaravanStatus;
  /** The newest report's position and headcount. */
  latest:
    | (TenthsPosition & {
        id: string;
        placeName: string;
        headcount: number;
        reportedAt: Date;
        reporterGroupId: string | null;
        /** Independent groups that reported or confirmed a report at this position. */
        groupsConfirming: number;
      })
    | null;
  /** Newest first; only loaded for viewers with full access. */
  timeline?: ReportRecord[];
  delegates?: { userId: string; name: string | null }[];
}

export interface PublicCaravan {
  access: "public";
  id: string;
  name: string;
  origin: Country;
  departureDate: string;
  status: CaravanStatus;
  region: Region | null;
  /** Where the region's marker is drawn: the region's own point, never the caravan's. */
  regionAt: readonly [number, number] | null;
  /** "5–25 people": never exact, and absent under 5 so that nobody is singled out. */
  headcountBand: { from: number; to: number | null } | null;
  /** How many independent groups confirmed the latest position, and when it was reported. */
  corroboration: { groups: number; reportedAt: Date } | null;
}

export interface FullCaravan extends Omit<PublicCaravan, "access"> {
  access: "full";
  estimatedSize: number;
  latest: {
    placeName: string;
    latitude: number;
    longitude: number;
    headcount: number;
    reportedAt: Date;
  } | null;
  timeline: (Omit<ReportRecord, "latitudeTenths" | "longitudeTenths" | "reporterGroupId"> & {
    latitude: number;
    longitude: number;
  })[];
  /** Oldest first, for the trend. */
  headcountTrend: { at: Date; headcount: number }[];
  latestNeeds: NeedRecord[];
  expectedArrivals: {
    meetingPointId: string;
    meetingPointName: string;
    from: string | null;
    until: string | null;
  }[];
  /** Admins only: who speaks for the caravan. */
  delegates: { userId: string; name: string | null }[] | null;
}

export type CaravanView = PublicCaravan | FullCaravan;

/** A report's position as `viewer` may see it: displaced, unless their own group reported it. */
function positionFor(
  viewer: CaravanViewer,
  key: string,
  report: TenthsPosition & { id: string; reporterGroupId: string | null },
) {
  const own = report.reporterGroupId !== null && viewer.coordinatorOf.includes(report.reporterGroupId);
  return own ? fromTenths(report) : displacedPosition(key, report.id, report);
}

/** `key` is the instance's displacement key (protection.ts). */
export function showCaravan(viewer: CaravanViewer, caravan: CaravanRecord, key: string): CaravanView {
  const latest = caravan.latest;
  const region = latest ? regionOf(fromTenths(latest)) : null;
  const base = {
    id: caravan.id,
    name: caravan.name,
    origin: caravan.origin,
    departureDate: caravan.departureDate,
    status: caravan.status,
    region,
    regionAt: region ? regions[region] : null,
    headcountBand: latest ? headcountBand(latest.headcount) : null,
    corroboration: latest ? { groups: latest.groupsConfirming, reportedAt: latest.reportedAt } : null,
  };
  if (viewer.access === "public") return { access: "public", ...base };

  const timeline = (caravan.timeline ?? []).map(
    ({ latitudeTenths, longitudeTenths, reporterGroupId, ...report }) => ({
      ...report,
      ...positionFor(viewer, key, { id: report.id, reporterGroupId, latitudeTenths, longitudeTenths }),
    }),
  );
  // Newest first: each meeting point at the latest report's estimate, once.
  const arrivals = timeline.filter(
    (r, i) =>
      r.expectedMeetingPointId &&
      r.expectedMeetingPointName &&
      timeline.findIndex((earlier) => earlier.expectedMeetingPointId === r.expectedMeetingPointId) === i,
  );
  return {
    access: "full",
    ...base,
    estimatedSize: caravan.estimatedSize,
    latest: latest && {
      placeName: latest.placeName,
      ...positionFor(viewer, key, latest),
      headcount: latest.headcount,
      reportedAt: latest.reportedAt,
    },
    timeline,
    headcountTrend: timeline.map((r) => ({ at: r.reportedAt, headcount: r.headcount })).reverse(),
    latestNeeds: timeline[0]?.needs ?? [],
    expectedArrivals: arrivals.slice(0, 3).map((r) => ({
      meetingPointId: r.expectedMeetingPointId!,
      meetingPointName: r.expectedMeetingPointName!,
      from: r.expectedFrom,
      until: r.expectedUntil,
    })),
    // Loaded only for the caravan's editors (its delegates, its group's coordinators, admins).
    delegates: caravan.delegates ?? null,
  };
}
