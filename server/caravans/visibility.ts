// What each viewer gets of a caravan: the one function every caravan leaves the server through.
// The public (and members of unverified groups) get its name, origin, status and broad region;
// verified groups, admins and its delegates get the coarse position, headcounts, reporters and the
// timeline. Later rules (a displaced position, headcount bands: issue #12) belong here too.
import type { CaravanStatus, Country, NeedKind, ReportVerification } from "@/db/schema";
import type { CaravanViewer } from "./access";
import { fromTenths, regionOf, regions, type Region, type TenthsPosition } from "./position";

export interface NeedRecord {
  id: string;
  kind: NeedKind;
  quantity: number | null;
  note: string;
  pledged: number;
}

export interface ReportRecord extends TenthsPosition {
  id: string;
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
  latest: (TenthsPosition & { placeName: string; headcount: number; reportedAt: Date }) | null;
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
  timeline: (Omit<ReportRecord, "latitudeTenths" | "longitudeTenths"> & {
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

export function showCaravan(viewer: CaravanViewer, caravan: CaravanRecord): CaravanView {
  const region = caravan.latest ? regionOf(fromTenths(caravan.latest)) : null;
  const base = {
    id: caravan.id,
    name: caravan.name,
    origin: caravan.origin,
    departureDate: caravan.departureDate,
    status: caravan.status,
    region,
    regionAt: region ? regions[region] : null,
  };
  if (viewer.access === "public") return { access: "public", ...base };

  const timeline = (caravan.timeline ?? []).map(({ latitudeTenths, longitudeTenths, ...report }) => ({
    ...report,
    ...fromTenths({ latitudeTenths, longitudeTenths }),
  }));
  const arrivals = timeline.filter((r) => r.expectedMeetingPointId && r.expectedMeetingPointName);
  return {
    access: "full",
    ...base,
    estimatedSize: caravan.estimatedSize,
    latest: caravan.latest && {
      placeName: caravan.latest.placeName,
      ...fromTenths(caravan.latest),
      headcount: caravan.latest.headcount,
      reportedAt: caravan.latest.reportedAt,
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
    delegates: viewer.isAdmin ? (caravan.delegates ?? []) : null,
  };
}
