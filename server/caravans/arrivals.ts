// The caravans expected at a meeting point: for each caravan, its newest report that names a
// meeting point, when that point is this one (a later report naming another point replaces it).
// Each caravan leaves through `showCaravan` (visibility.ts): the public and unverified groups get
// its name, status, broad region and headcount band, and that it is expected; the arrival window,
// headcount and size go only to those with full access (verified groups, admins, its delegates).
import { and, desc, eq, inArray, isNotNull, ne, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { caravanReports, caravans, type ReportVerification } from "@/db/schema";
import type { Actor } from "../actor";
import { delegateCaravans } from "../decisions/access";
import { caravanViewer, type CaravanViewer } from "./access";
import { caravanColumns, latestReports } from "./caravans";
import { displacementKey } from "./protection";
import { showCaravan, type PublicCaravan } from "./visibility";

type Coarse = Pick<PublicCaravan, "id" | "name" | "origin" | "status" | "region" | "headcountBand">;

export type ExpectedArrival =
  | (Coarse & { access: "public" })
  | (Coarse & {
      access: "full";
      estimatedSize: number;
      /** The newest report's headcount. */
      headcount: number | null;
      from: string | null;
      until: string | null;
      /** When the report naming this point was made, and whether a second party confirmed it. */
      reportedAt: Date;
      verification: ReportVerification;
    });

export async function expectedArrivalsAt(
  db: Database,
  actor: Actor | null,
  meetingPointId: string,
): Promise<ExpectedArrival[]> {
  const namingHere = db
    .select({ caravanId: caravanReports.caravanId })
    .from(caravanReports)
    .where(eq(caravanReports.expectedMeetingPointId, meetingPointId));
  const expectations = await db
    .selectDistinctOn([caravanReports.caravanId], {
      caravanId: caravanReports.caravanId,
      meetingPointId: caravanReports.expectedMeetingPointId,
      from: caravanReports.expectedFrom,
      until: caravanReports.expectedUntil,
      reportedAt: caravanReports.reportedAt,
      verification: caravanReports.verification,
    })
    .from(caravanReports)
    .where(
      and(isNotNull(caravanReports.expectedMeetingPointId), inArray(caravanReports.caravanId, namingHere)),
    )
    .orderBy(caravanReports.caravanId, desc(caravanReports.reportedAt), desc(caravanReports.id));
  const here = expectations.filter((e) => e.meetingPointId === meetingPointId);
  if (here.length === 0) return [];
  const [rows, latest, key, viewer, mine] = await Promise.all([
    db
      .select(caravanColumns)
      .from(caravans)
      .where(
        and(
          inArray(
            caravans.id,
            here.map((e) => e.caravanId),
          ),
          ne(caravans.status, "dispersed"),
        ),
      )
      .orderBy(sql`${caravans.name}`),
    latestReports(
      db,
      here.map((e) => e.caravanId),
    ),
    displacementKey(db),
    caravanViewer(db, actor),
    delegateCaravans(db, actor),
  ]);
  const delegateOf = new Set(mine.map((c) => c.id));
  const arrivals = rows.map((row): ExpectedArrival => {
    // A caravan's own delegates see it in full, as on its page (caravanViewer with its id).
    const own: CaravanViewer = delegateOf.has(row.id) ? { ...viewer, access: "full" } : viewer;
    const view = showCaravan(own, { ...row, latest: latest.get(row.id) ?? null }, key);
    const coarse: Coarse = {
      id: view.id,
      name: view.name,
      origin: view.origin,
      status: view.status,
      region: view.region,
      headcountBand: view.headcountBand,
    };
    if (view.access === "public") return { access: "public", ...coarse };
    const expectation = here.find((e) => e.caravanId === row.id)!;
    return {
      access: "full",
      ...coarse,
      estimatedSize: view.estimatedSize,
      headcount: view.latest?.headcount ?? null,
      from: expectation.from,
      until: expectation.until,
      reportedAt: expectation.reportedAt,
      verification: expectation.verification,
    };
  });
  // Soonest expected first; caravans without dates after them.
  const soonest = (a: ExpectedArrival) => (a.access === "full" && a.from) || "9999";
  return arrivals.sort((a, b) => soonest(a).localeCompare(soonest(b)) || a.name.localeCompare(b.name));
}
