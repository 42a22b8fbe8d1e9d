// Demo caravans on their way north, their reports (positions already in tenths of a degree, at
// town level), their needs and the pledges groups made, so the map, the timelines and the needs
// board show something on a first look. Dates are relative to the day the demo is seeded.
import { inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  caravanDelegates,
  caravanReports,
  caravans,
  meetingPoints,
  pledges,
  reportNeeds,
  users,
  type CaravanStatus,
  type Country,
  type NeedKind,
  type PledgeStatus,
} from "@/db/schema";

const DAY = 86_400_000;
const daysFromNow = (n: number) => new Date(Date.now() + n * DAY);
const dayString = (n: number) => daysFromNow(n).toISOString().slice(0, 10);

interface DemoReport {
  daysAgo: number;
  placeName: string;
  /** Tenths of a degree: a town, never a camp. */
  at: [latitudeTenths: number, longitudeTenths: number];
  headcount: number;
  by: string;
  /** The reporter's group's slug; none: the caravan's delegate reported. */
  forGroup?: string;
  confirmedBy?: [person: string, groupSlug: string];
  needs: { kind: NeedKind; quantity?: number; note?: string }[];
  arrival?: { meetingPoint: string; fromInDays: number; untilInDays: number };
}

interface DemoCaravan {
  name: string;
  origin: Country;
  departedDaysAgo: number;
  estimatedSize: number;
  status: CaravanStatus;
  delegates: string[];
  reports: DemoReport[];
}

const demoCaravans: DemoCaravan[] = [
  {
    name: "Caravana Madre de Todos los Éxodos",
    origin: "HN",
    departedDaysAgo: 34,
    estimatedSize: 3000,
    status: "in_transit",
    delegates: ["ana"],
    reports: [
      {
        daysAgo: 31,
        placeName: "Tapachula, Chiapas",
        at: [149, -923],
        headcount: 3000,
        by: "ana",
        confirmedBy: ["rosa", "albergue-casa-del-migrante-tijuana"],
        needs: [{ kind: "water", quantity: 3000, note: "personas / people" }],
      },
      {
        daysAgo: 18,
        placeName: "Juchitán, Oaxaca",
        at: [164, -950],
        headcount: 2400,
        by: "ana",
        confirmedBy: ["lupe", "frontera-legal-san-diego"],
        needs: [
          { kind: "food", quantity: 2400, note: "raciones al día / meals a day" },
          { kind: "medical", note: "Insolación y ampollas / Sunstroke and blisters" },
        ],
      },
      {
        daysAgo: 7,
        placeName: "Ciudad de México",
        at: [194, -991],
        headcount: 2100,
        by: "kevin",
        forGroup: "frontera-legal-san-diego",
        confirmedBy: ["marisol", "red-de-salud-juarez"],
        needs: [{ kind: "legal", note: "Charlas sobre asilo / Asylum know-your-rights talks" }],
      },
      {
        daysAgo: 2,
        placeName: "Querétaro, Querétaro",
        at: [206, -1004],
        headcount: 1900,
        by: "ana",
        needs: [
          { kind: "water", quantity: 1900, note: "personas, por 3 días / people, for 3 days" },
          { kind: "medical", note: "40 niñas y niños con tos / 40 children with a cough" },
          { kind: "shelter", quantity: 600, note: "familias con bebés / families with babies" },
        ],
        arrival: { meetingPoint: "Plaza de la Garita El Chaparral", fromInDays: 14, untilInDays: 21 },
      },
    ],
  },
  {
    name: "Caravana Esperanza Salvadoreña",
    origin: "SV",
    departedDaysAgo: 20,
    estimatedSize: 800,
    status: "stopped",
    delegates: [],
    reports: [
      {
        daysAgo: 16,
        placeName: "Ciudad Hidalgo, Chiapas",
        at: [147, -922],
        headcount: 800,
        by: "marisol",
        forGroup: "albergue-casa-del-migrante-tijuana",
        confirmedBy: ["jt", "tucson-samaritans"],
        needs: [{ kind: "hygiene", quantity: 300, note: "kits" }],
      },
      {
        daysAgo: 3,
        placeName: "Oaxaca de Juárez, Oaxaca",
        at: [171, -967],
        headcount: 760,
        by: "marisol",
        forGroup: "albergue-casa-del-migrante-tijuana",
        confirmedBy: ["lupe", "frontera-legal-san-diego"],
        needs: [
          { kind: "legal", quantity: 200, note: "familias que piden asilo / families seeking asylum" },
          { kind: "food", quantity: 760, note: "raciones al día / meals a day" },
          { kind: "translation", note: "Mam y K'iche' / Mam and K'iche'" },
        ],
        arrival: { meetingPoint: "Puente Paso del Norte, lado Juárez", fromInDays: 25, untilInDays: 35 },
      },
    ],
  },
  {
    name: "Caravana Guatemala Unida",
    origin: "GT",
    departedDaysAgo: 4,
    estimatedSize: 400,
    status: "forming",
    delegates: [],
    reports: [
      {
        daysAgo: 1,
        placeName: "Tecún Umán / Ciudad Hidalgo",
        at: [147, -921],
        headcount: 400,
        by: "rosa",
        forGroup: "albergue-casa-del-migrante-tijuana",
        needs: [
          { kind: "childcare", note: "Unos 90 menores / About 90 children" },
          { kind: "water", quantity: 400, note: "personas / people" },
        ],
      },
    ],
  },
  {
    name: "Caravana de Otoño",
    origin: "HN",
    departedDaysAgo: 70,
    estimatedSize: 650,
    status: "arrived",
    delegates: [],
    reports: [
      {
        daysAgo: 5,
        placeName: "Tijuana, Baja California",
        at: [325, -1170],
        headcount: 610,
        by: "lupe",
        forGroup: "frontera-legal-san-diego",
        confirmedBy: ["rosa", "albergue-casa-del-migrante-tijuana"],
        needs: [
          { kind: "shelter", quantity: 610, note: "camas / beds" },
          {
            kind: "transport",
            note: "A citas de asilo en San Ysidro / To asylum appointments at San Ysidro",
          },
        ],
      },
    ],
  },
];

/** Pledges against the latest needs: [caravan, need kind, group slug, what, quantity, status]. */
const demoPledges: [string, NeedKind, string, string, number, PledgeStatus][] = [
  [
    "Caravana Madre de Todos los Éxodos",
    "water",
    "tucson-samaritans",
    "Garrafones de 20 L / 20 L jugs",
    1200,
    "pledged",
  ],
  [
    "Caravana Madre de Todos los Éxodos",
    "shelter",
    "albergue-casa-del-migrante-tijuana",
    "Camas / Beds",
    600,
    "pledged",
  ],
  [
    "Caravana Esperanza Salvadoreña",
    "legal",
    "frontera-legal-san-diego",
    "Asesoría de asilo / Asylum advice",
    120,
    "pledged",
  ],
  [
    "Caravana Esperanza Salvadoreña",
    "food",
    "red-de-salud-juarez",
    "Comidas calientes / Hot meals",
    300,
    "delivered",
  ],
  ["Caravana de Otoño", "shelter", "albergue-casa-del-migrante-tijuana", "Camas / Beds", 610, "delivered"],
];

export async function seedCaravans(
  tx: Database,
  groupIds: Map<string, string>,
  userIds: Map<string, string>,
) {
  const [ana] = await tx
    .insert(users)
    .values({
      name: "Ana (delegada)",
      email: "ana@puente.example.org",
      preferredLanguage: "es",
      languagesSpoken: ["es"],
      skills: ["translation"],
    })
    .returning({ id: users.id });
  const people = new Map([...userIds, ["ana", ana!.id]]);
  const points = await tx
    .select({ id: meetingPoints.id, name: meetingPoints.name })
    .from(meetingPoints)
    .where(
      inArray(
        meetingPoints.name,
        demoCaravans.flatMap((c) => c.reports.flatMap((r) => (r.arrival ? [r.arrival.meetingPoint] : []))),
      ),
    );
  const latestNeeds = new Map<string, string>();
  for (const { reports, delegates, departedDaysAgo, ...caravan } of demoCaravans) {
    const [row] = await tx
      .insert(caravans)
      .values({
        ...caravan,
        departureDate: dayString(-departedDaysAgo),
        // Registered by Lupe's legal-aid group: its coordinators may edit the caravans too.
        groupId: groupIds.get("frontera-legal-san-diego") ?? null,
      })
      .returning({ id: caravans.id });
    if (delegates.length) {
      await tx
        .insert(caravanDelegates)
        .values(delegates.map((d) => ({ caravanId: row!.id, userId: people.get(d)! })));
    }
    for (const report of [...reports].sort((a, b) => b.daysAgo - a.daysAgo)) {
      const [stored] = await tx
        .insert(caravanReports)
        .values({
          caravanId: row!.id,
          reportedBy: people.get(report.by)!,
          reporterGroupId: report.forGroup ? groupIds.get(report.forGroup)! : null,
          placeName: report.placeName,
          latitudeTenths: report.at[0],
          longitudeTenths: report.at[1],
          headcount: report.headcount,
          expectedMeetingPointId: report.arrival
            ? (points.find((p) => p.name === report.arrival!.meetingPoint)?.id ?? null)
            : null,
          expectedFrom: report.arrival ? dayString(report.arrival.fromInDays) : null,
          expectedUntil: report.arrival ? dayString(report.arrival.untilInDays) : null,
          reportedAt: daysFromNow(-report.daysAgo),
          ...(report.confirmedBy && {
            verification: "confirmed" as const,
            confirmedBy: people.get(report.confirmedBy[0])!,
            confirmedGroupId: groupIds.get(report.confirmedBy[1])!,
            confirmedAt: daysFromNow(-report.daysAgo + 0.5),
          }),
        })
        .returning({ id: caravanReports.id });
      const needs = await tx
        .insert(reportNeeds)
        .values(
          report.needs.map((n) => ({
            reportId: stored!.id,
            kind: n.kind,
            quantity: n.quantity ?? null,
            note: n.note ?? "",
          })),
        )
        .returning({ id: reportNeeds.id, kind: reportNeeds.kind });
      // Later reports come last: the map ends up holding the latest report's needs.
      for (const need of needs) latestNeeds.set(`${caravan.name}:${need.kind}`, need.id);
    }
  }
  await tx.insert(pledges).values(
    demoPledges.map(([caravan, kind, group, what, quantity, status]) => ({
      needId: latestNeeds.get(`${caravan}:${kind}`)!,
      groupId: groupIds.get(group)!,
      what,
      quantity,
      byDate: dayString(status === "delivered" ? -1 : 6),
      status,
    })),
  );
}
