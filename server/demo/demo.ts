// Demo data: realistic, bilingual, and enough to show every feature at work on a first look.
// Each domain adds its part here. People use example.org addresses (RFC 2606): no one real.
import { createHash, randomBytes } from "node:crypto";
import { count, eq, inArray } from "drizzle-orm";
import { scheduleReveal } from "../actions/reveal";
import { countBallots } from "../decisions/count";
import type { Database } from "@/db/client";
import { seedDemoMessages } from "./messages";
import { seedDemoSms } from "./sms";
import { seedCaravans } from "./caravans";
import {
  actions,
  auditEvents,
  ballots,
  caravanDelegates,
  decisionCoordinators,
  decisionOptions,
  decisions,
  groups,
  invitations,
  jobs,
  meetingPoints,
  memberships,
  ratifications,
  safetyObjections,
  stories,
  shifts,
  signups,
  users,
  type AgeRange,
  type Country,
  type Crossing,
  type GroupKind,
  type MeetingPointStatus,
  type MembershipRole,
  type SafetyChecklist,
} from "@/db/schema";
import { announceChosenPoint } from "../signing/announcements";

const people = [
  {
    key: "admin",
    name: "Admin Puente",
    email: "admin@puente.example.org",
    isAdmin: true,
    preferredLanguage: "es",
    languagesSpoken: ["es", "en"],
    skills: ["logistics"],
  },
  {
    key: "lupe",
    name: "Lupe M.",
    email: "lupe@puente.example.org",
    // The demo coordinator reviews stories and proposals: an admin made her a reviewer.
    reviewer: true,
    preferredLanguage: "es",
    languagesSpoken: ["es", "en"],
    skills: ["legal", "translation"],
  },
  {
    key: "dan",
    name: "Dan R.",
    email: "dan@puente.example.org",
    // Dan volunteers from Tucson and chose Arizona's zone on /me: his times read in it.
    timeZone: "America/Phoenix",
    preferredLanguage: "en",
    languagesSpoken: ["en", "es"],
    skills: ["driving", "logistics"],
  },
  {
    key: "marisol",
    name: "Marisol",
    email: "marisol@puente.example.org",
    preferredLanguage: "es",
    languagesSpoken: ["es"],
    skills: ["medical", "childcare"],
  },
  {
    key: "jt",
    name: "J.T.",
    email: "jt@puente.example.org",
    preferredLanguage: "en",
    languagesSpoken: ["en"],
    skills: ["security", "driving"],
  },
  {
    key: "rosa",
    name: "Hna. Rosa",
    email: "rosa@puente.example.org",
    preferredLanguage: "es",
    languagesSpoken: ["es", "en", "mam"],
    skills: ["cooking", "translation"],
  },
  {
    key: "kevin",
    name: "Kevin O.",
    email: "kevin@puente.example.org",
    preferredLanguage: "en",
    languagesSpoken: ["en", "es"],
    skills: ["legal"],
  },
] as const;

interface DemoGroup {
  slug: string;
  name: string;
  kind: GroupKind;
  city: string;
  region: string;
  country: Country;
  verified: boolean;
  descriptionEs: string;
  descriptionEn: string;
  contact: string;
  members: [person: (typeof people)[number]["key"], role: MembershipRole, status?: "active" | "pending"][];
}

const demoGroups: DemoGroup[] = [
  {
    slug: "frontera-legal-san-diego",
    name: "Frontera Legal San Diego",
    kind: "legal_aid",
    city: "San Diego",
    region: "California",
    country: "US",
    verified: true,
    descriptionEs:
      "Abogadas y paralegales voluntarios que acompañan solicitudes de asilo en el puerto de entrada de San Ysidro.",
    descriptionEn:
      "Volunteer lawyers and paralegals who accompany asylum requests at the San Ysidro port of entry.",
    contact: "https://fronteralegal.example.org",
    members: [
      ["lupe", "coordinator"],
      ["kevin", "organizer"],
      ["dan", "member"],
    ],
  },
  {
    slug: "albergue-casa-del-migrante-tijuana",
    name: "Albergue Casa del Migrante Tijuana",
    kind: "shelter",
    city: "Tijuana",
    region: "Baja California",
    country: "MX",
    verified: true,
    descriptionEs:
      "Albergue con 150 camas, comedor y atención médica básica para familias que esperan cruzar.",
    descriptionEn:
      "A shelter with 150 beds, a dining hall and basic medical care for families waiting to cross.",
    contact: "contacto@casamigrante.example.org",
    members: [
      ["rosa", "coordinator"],
      ["marisol", "organizer"],
    ],
  },
  {
    slug: "tucson-samaritans",
    name: "Tucson Samaritans",
    kind: "religious",
    city: "Tucson",
    region: "Arizona",
    country: "US",
    verified: true,
    descriptionEs:
      "Comunidad de fe que lleva agua y primeros auxilios al desierto de Sonora y recibe a quienes llegan a Nogales.",
    descriptionEn:
      "A faith community bringing water and first aid to the Sonoran desert and welcoming arrivals in Nogales.",
    contact: "https://tucsonsamaritans.example.org",
    members: [
      ["jt", "coordinator"],
      ["dan", "member"],
    ],
  },
  {
    slug: "red-de-salud-juarez",
    name: "Red de Salud Fronteriza Juárez",
    kind: "medical",
    city: "Ciudad Juárez",
    region: "Chihuahua",
    country: "MX",
    verified: true,
    descriptionEs:
      "Médicas, enfermeros y estudiantes de medicina que instalan puestos de salud donde llegan las caravanas.",
    descriptionEn: "Doctors, nurses and medical students who set up health posts where the caravans arrive.",
    contact: "saludjuarez@example.org",
    members: [["marisol", "coordinator"]],
  },
  {
    slug: "el-paso-students-for-migrant-justice",
    name: "El Paso Students for Migrant Justice",
    kind: "student",
    city: "El Paso",
    region: "Texas",
    country: "US",
    verified: true,
    descriptionEs:
      "Estudiantes de UTEP que organizan colectas, traducción y vigilias en el puente Paso del Norte.",
    descriptionEn:
      "UTEP students organizing supply drives, translation and vigils at the Paso del Norte bridge.",
    contact: "@epstudents4mj",
    members: [
      ["kevin", "coordinator"],
      ["jt", "member", "pending"],
    ],
  },
  {
    slug: "sindicato-de-jornaleros-mexicali",
    name: "Sindicato de Jornaleros de Mexicali",
    kind: "union",
    city: "Mexicali",
    region: "Baja California",
    country: "MX",
    verified: false,
    descriptionEs:
      "Sindicato agrícola que ofrece transporte y alojamiento temporal. En proceso de verificación.",
    descriptionEn: "A farmworkers' union offering transport and temporary lodging. Being vetted.",
    contact: "jornaleros.mexicali@example.org",
    members: [["dan", "coordinator"]],
  },
];

interface DemoStory {
  pseudonym: string;
  country: Country;
  ageRange: AgeRange | null;
  caravanName: string | null;
  textEs: string | null;
  textEn: string | null;
  translatedInto: "es" | "en" | null;
  /** Days ago it was published; null: still waiting for review. */
  publishedDaysAgo: number | null;
}

const demoStories: DemoStory[] = [
  {
    pseudonym: "Doña Reina",
    country: "HN",
    ageRange: "35_49",
    caravanName: "Caravana Madre",
    textEs:
      "Salí de San Pedro Sula con mis dos hijos porque las maras nos pidieron una cuota que no podíamos pagar. No venimos a quitarle nada a nadie. En Chiapas una señora nos regaló tortillas y nos dijo que siguiéramos. Quiero que mis hijos vuelvan a la escuela sin miedo.",
    textEn:
      "I left San Pedro Sula with my two children because the gangs demanded a payment we could not make. We have not come to take anything from anyone. In Chiapas a woman gave us tortillas and told us to keep going. I want my children to go back to school without fear.",
    translatedInto: "en",
    publishedDaysAgo: 1,
  },
  {
    pseudonym: "Chepe",
    country: "SV",
    ageRange: "18_24",
    caravanName: null,
    textEs:
      "Soy panadero. En la caravana me levanto antes que todos para ayudar en la cocina del albergue. La gente piensa que somos peligrosos, pero aquí nos cuidamos entre todos: los jóvenes cargan a los niños cuando las mamás ya no pueden.",
    textEn:
      "I am a baker. In the caravan I get up before everyone to help in the shelter's kitchen. People think we are dangerous, but here we all look after each other: the young ones carry the children when the mothers cannot anymore.",
    translatedInto: "en",
    publishedDaysAgo: 3,
  },
  {
    pseudonym: "M.",
    country: "GT",
    ageRange: "25_34",
    caravanName: "Caravana del Sur",
    textEs:
      "Hablo mam y un poco de español. Las sequías acabaron con la milpa de mi familia dos años seguidos. Camino para poder mandar dinero a mi mamá. Gracias a las personas que nos dieron agua en el camino.",
    textEn: null,
    translatedInto: null,
    publishedDaysAgo: 6,
  },
  {
    pseudonym: "Nelson",
    country: "NI",
    ageRange: "50_plus",
    caravanName: null,
    textEs:
      "Fui maestro veinticinco años. Tuve que salir de mi país por opinar. Ahora enseño a leer a los niños de la caravana con un cuaderno que nos regalaron en Oaxaca.",
    textEn:
      "I was a teacher for twenty-five years. I had to leave my country for speaking my mind. Now I teach the caravan's children to read with a notebook someone gave us in Oaxaca.",
    translatedInto: "en",
    publishedDaysAgo: 10,
  },
  {
    pseudonym: "Yesenia",
    country: "HN",
    ageRange: "18_24",
    caravanName: "Caravana Madre",
    textEs:
      "Estoy embarazada de siete meses. En Tapachula una doctora voluntaria me revisó gratis. Quiero que mi bebé nazca en un lugar seguro.",
    textEn: null,
    translatedInto: null,
    publishedDaysAgo: null,
  },
];

/** Fills an empty database with the demo data. Returns false, touching nothing, if it is not empty. */
export async function seedDemoData(db: Database): Promise<boolean> {
  const [existing] = await db.select({ n: count() }).from(users);
  if (existing && existing.n > 0) return false;
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(users)
      .values(
        people.map(({ key: _key, ...person }) => ({
          ...person,
          languagesSpoken: [...person.languagesSpoken],
          skills: [...person.skills],
        })),
      )
      .returning({ id: users.id, email: users.email });
    const userIds = new Map(people.map((p) => [p.key, inserted.find((u) => u.email === p.email)!.id]));
    const groupIds = new Map<string, string>();
    for (const { members, ...group } of demoGroups) {
      const [row] = await tx
        .insert(groups)
        .values({ ...group, verifiedAt: group.verified ? new Date() : null })
        .returning({ id: groups.id });
      groupIds.set(group.slug, row!.id);
      if (group.verified) {
        await tx.insert(auditEvents).values({
          actorId: userIds.get("admin")!,
          action: "group.verify",
          subjectType: "group",
          subjectId: row!.id,
          groupId: row!.id,
        });
      }
      await tx.insert(memberships).values(
        members.map(([person, role, status]) => ({
          groupId: row!.id,
          userId: userIds.get(person)!,
          role,
          status: status ?? "active",
        })),
      );
    }
    // Actions in the coming days, relative to today so the demo never goes stale.
    const day = 86_400_000;
    const at = (days: number, hourUtc: number) => {
      const d = new Date(Date.now() + days * day);
      d.setUTCHours(hourUtc, 0, 0, 0);
      return d;
    };
    const demoActions = [
      {
        group: "frontera-legal-san-diego",
        title: "Observación legal en El Chaparral / Legal observers at El Chaparral",
        kind: "legal_observation" as const,
        description:
          "Acompañamos a familias que se presentan a pedir asilo. Trae tu credencial y chaleco. / We accompany families presenting for asylum. Bring ID and your vest.",
        placeName: "Garita El Chaparral, Tijuana",
        exactLocation: "Entrada peatonal oeste, junto al módulo de Grupo Beta",
        timeZone: "America/Tijuana",
        startsAt: at(2, 15),
        endsAt: at(2, 23),
        languages: ["es" as const, "en" as const],
        visibility: "public" as const,
        shifts: [
          {
            role: "Observadora legal / Legal observer",
            from: 15,
            to: 19,
            capacity: 6,
            wantedSkills: ["legal" as const],
          },
          {
            role: "Traducción / Interpreter",
            from: 15,
            to: 23,
            capacity: 3,
            wantedSkills: ["translation" as const],
          },
        ],
        volunteers: ["kevin", "dan"],
      },
      {
        group: "albergue-casa-del-migrante-tijuana",
        title: "Bienvenida a la caravana / Welcoming the caravan",
        kind: "welcome" as const,
        description:
          "Comida caliente, ropa y un lugar para descansar. / Hot food, clothes and a place to rest.",
        placeName: "Colonia Postal, Tijuana",
        exactLocation: "Calle Galeana 2050, portón verde",
        timeZone: "America/Tijuana",
        startsAt: at(4, 16),
        endsAt: at(4, 24),
        languages: ["es" as const],
        visibility: "members" as const,
        shifts: [
          { role: "Cocina / Kitchen", from: 16, to: 20, capacity: 4, wantedSkills: ["cooking" as const] },
          {
            role: "Cuidado infantil / Childcare",
            from: 18,
            to: 24,
            capacity: 2,
            wantedSkills: ["childcare" as const],
          },
        ],
        volunteers: ["marisol"],
      },
      {
        group: "tucson-samaritans",
        title: "Water drop in the Altar Valley / Dejar agua en el valle de Altar",
        kind: "supplies" as const,
        description:
          "Four-wheel-drive convoy. Leave from the church parking lot. / Caravana de 4x4 desde el estacionamiento de la iglesia.",
        placeName: "Arivaca, Arizona",
        exactLocation: "",
        timeZone: "America/Phoenix",
        startsAt: at(6, 13),
        endsAt: at(6, 20),
        languages: ["en" as const, "es" as const],
        visibility: "public" as const,
        shifts: [
          { role: "Driver / Chofer", from: 13, to: 20, capacity: 2, wantedSkills: ["driving" as const] },
        ],
        volunteers: ["jt", "dan", "lupe"],
      },
    ];
    for (const { group, shifts: shiftList, volunteers, ...action } of demoActions) {
      const [row] = await tx
        .insert(actions)
        .values({ ...action, groupId: groupIds.get(group)!, createdBy: userIds.get("admin")! })
        .returning({ id: actions.id, startsAt: actions.startsAt });
      await scheduleReveal(tx, row!.id);
      const dayStart = new Date(row!.startsAt);
      dayStart.setUTCHours(0, 0, 0, 0);
      for (const { from, to, ...shift } of shiftList) {
        const startsAt = new Date(dayStart.getTime() + from * 3_600_000);
        const endsAt = new Date(dayStart.getTime() + to * 3_600_000);
        const taken = volunteers.slice(0, shift.capacity);
        const [shiftRow] = await tx
          .insert(shifts)
          .values({ ...shift, actionId: row!.id, startsAt, endsAt, confirmedCount: taken.length })
          .returning({ id: shifts.id });
        await tx.insert(signups).values(
          volunteers.map((person, i) => ({
            shiftId: shiftRow!.id,
            userId: userIds.get(person as (typeof people)[number]["key"])!,
            status: i < shift.capacity ? ("confirmed" as const) : ("waitlisted" as const),
          })),
        );
      }
    }

    await seedMeetingPointsAndDecisions(tx, groupIds, userIds);
    // The chosen point gathers the work: the two Tijuana actions meet there (and a caravan's
    // report expects to arrive there, server/demo/caravans.ts).
    const [chosen] = await tx
      .select({ id: meetingPoints.id })
      .from(meetingPoints)
      .where(eq(meetingPoints.status, "chosen"));
    await tx
      .update(actions)
      .set({ meetingPointId: chosen!.id })
      .where(
        inArray(actions.title, [
          "Observación legal en El Chaparral / Legal observers at El Chaparral",
          "Bienvenida a la caravana / Welcoming the caravan",
        ]),
      );
    await seedDemoMessages(tx, groupIds, userIds);
    await seedCaravans(tx, groupIds, userIds);
    await seedDemoSms(tx);
    await seedRatifyingDecision(tx, groupIds, userIds);

    // Marisol has an invitation waiting from the Tucson Samaritans (its link is not known to anyone:
    // she answers it from her own page).
    await tx.insert(invitations).values({
      groupId: groupIds.get("tucson-samaritans")!,
      email: "marisol@puente.example.org",
      role: "organizer",
      tokenHash: createHash("sha256").update(randomBytes(32)).digest("hex"),
      invitedBy: userIds.get("jt")!,
      expiresAt: new Date(Date.now() + 7 * 86_400_000),
    });
    // Stories: published ones (their originals already deleted) and one waiting for review. Their
    // withdrawal links were never shown to anyone: only a hash of random bytes is stored.
    for (const { publishedDaysAgo, ...story } of demoStories) {
      const publishedAt =
        publishedDaysAgo === null ? null : new Date(Date.now() - publishedDaysAgo * 86_400_000);
      const submittedAt = new Date((publishedAt ?? new Date()).getTime() - 2 * 86_400_000);
      const [row] = await tx
        .insert(stories)
        .values({
          ...story,
          status: publishedAt ? "published" : "submitted",
          originalEs: publishedAt ? null : story.textEs,
          originalEn: publishedAt ? null : story.textEn,
          consentedAt: submittedAt,
          consentVersion: "2026-11-1",
          consentLocale: "es",
          withdrawTokenHash: createHash("sha256").update(randomBytes(32)).digest("hex"),
          submittedAt,
          publishedAt,
          reviewedBy: publishedAt ? userIds.get("rosa")! : null,
          reviewedAt: publishedAt,
        })
        .returning({ id: stories.id });
      if (publishedAt) {
        await tx.insert(auditEvents).values({
          actorId: userIds.get("rosa")!,
          action: "story.publish",
          subjectType: "story",
          subjectId: row!.id,
          at: publishedAt,
        });
      }
    }
  });
  return true;
}

interface DemoMeetingPoint {
  key: string;
  group: string;
  name: string;
  crossing: Crossing;
  side: "US" | "MX";
  latitude: number;
  longitude: number;
  capacity: number;
  facilitiesEs: string;
  facilitiesEn: string;
  safetyNotesEs: string;
  safetyNotesEn: string;
  legalObservers: boolean;
  safetyChecklist: SafetyChecklist;
  status: MeetingPointStatus;
  reviewNote?: string;
}

const demoMeetingPoints: DemoMeetingPoint[] = [
  {
    key: "chaparral",
    group: "frontera-legal-san-diego",
    name: "Plaza de la Garita El Chaparral",
    crossing: "san_ysidro_tijuana",
    side: "MX",
    latitude: 32.541,
    longitude: -117.03,
    capacity: 1500,
    facilitiesEs: "Explanada amplia, baños públicos a 200 m, sombra bajo los arcos.",
    facilitiesEn: "Wide plaza, public toilets 200 m away, shade under the arches.",
    safetyNotesEs: "Presencia de Grupo Beta; evitar la calle lateral de noche.",
    safetyNotesEn: "Grupo Beta is present; avoid the side street at night.",
    legalObservers: true,
    safetyChecklist: {
      exitsAndSightLines: "yes",
      shelterKm: 0.8,
      clinicKm: 1.5,
      checkpointsOrHostileGroups: "reported",
      phoneSignal: "good",
      shadeAndWater: "no",
    },
    status: "shortlisted",
  },
  {
    key: "mexicali",
    group: "albergue-casa-del-migrante-tijuana",
    name: "Parque Constitución, Mexicali",
    crossing: "calexico_mexicali",
    side: "MX",
    latitude: 32.661,
    longitude: -115.486,
    capacity: 800,
    facilitiesEs: "Parque con árboles, bebederos y un comedor comunitario cerca.",
    facilitiesEn: "A park with trees, drinking fountains and a community kitchen nearby.",
    safetyNotesEs: "Calor extremo de mayo a septiembre: agua y sombra indispensables.",
    safetyNotesEn: "Extreme heat from May to September: water and shade are essential.",
    legalObservers: false,
    safetyChecklist: {
      exitsAndSightLines: "yes",
      shelterKm: 0.5,
      clinicKm: 2,
      checkpointsOrHostileGroups: "none_known",
      phoneSignal: "good",
      shadeAndWater: "yes",
    },
    status: "proposed",
  },
  {
    key: "nogales",
    group: "tucson-samaritans",
    name: "Kino Border Initiative comedor, Nogales",
    crossing: "nogales",
    side: "MX",
    latitude: 31.318,
    longitude: -110.945,
    capacity: 400,
    facilitiesEs: "Comedor, clínica básica y asesoría legal los días hábiles.",
    facilitiesEn: "Dining hall, basic clinic and legal advice on weekdays.",
    safetyNotesEs: "Espacio limitado: coordinar grupos de llegada.",
    safetyNotesEn: "Limited space: arrivals must be coordinated in groups.",
    legalObservers: true,
    safetyChecklist: {
      exitsAndSightLines: "no",
      shelterKm: 0,
      clinicKm: 0,
      checkpointsOrHostileGroups: "none_known",
      phoneSignal: "good",
      shadeAndWater: "yes",
    },
    status: "shortlisted",
  },
  {
    key: "juarez",
    group: "red-de-salud-juarez",
    name: "Puente Paso del Norte, lado Juárez",
    crossing: "el_paso_juarez",
    side: "MX",
    latitude: 31.748,
    longitude: -106.487,
    capacity: 2000,
    facilitiesEs: "Puesto de salud de la Red, baños móviles, espacio para carpas.",
    facilitiesEn: "The network's health post, portable toilets, room for tents.",
    safetyNotesEs: "Mucho tráfico vehicular; señalizar el cruce peatonal.",
    safetyNotesEn: "Heavy traffic; mark the pedestrian crossing clearly.",
    legalObservers: true,
    safetyChecklist: {
      exitsAndSightLines: "yes",
      shelterKm: 1.2,
      clinicKm: 0,
      checkpointsOrHostileGroups: "unknown",
      phoneSignal: "good",
      shadeAndWater: "no",
    },
    status: "shortlisted",
  },
  {
    key: "laredo",
    group: "el-paso-students-for-migrant-justice",
    name: "Plaza Hidalgo, Nuevo Laredo",
    crossing: "laredo_nuevo_laredo",
    side: "MX",
    latitude: 27.499,
    longitude: -99.507,
    capacity: 600,
    facilitiesEs: "Plaza céntrica con iglesia que ofrece agua y baños.",
    facilitiesEn: "A central plaza whose church offers water and toilets.",
    safetyNotesEs: "Riesgo alto de secuestro: no recomendable sin escolta.",
    safetyNotesEn: "High kidnapping risk: not advisable without an escort.",
    legalObservers: false,
    safetyChecklist: {
      exitsAndSightLines: "no",
      shelterKm: 0.3,
      clinicKm: 3,
      checkpointsOrHostileGroups: "reported",
      phoneSignal: "weak",
      shadeAndWater: "yes",
    },
    status: "rejected",
    reviewNote: "Riesgo de seguridad demasiado alto / Safety risk too high",
  },
  {
    key: "brownsville",
    group: "frontera-legal-san-diego",
    name: "Gateway International Bridge, Brownsville",
    crossing: "brownsville_matamoros",
    side: "US",
    latitude: 25.901,
    longitude: -97.497,
    capacity: 500,
    facilitiesEs: "Estación de autobuses cercana, albergue de la diócesis a 2 km.",
    facilitiesEn: "Bus station nearby, the diocese's shelter 2 km away.",
    safetyNotesEs: "Zona con patrullaje constante de CBP; llevar identificación.",
    safetyNotesEn: "Constant CBP patrols; carry identification.",
    legalObservers: true,
    safetyChecklist: {
      exitsAndSightLines: "yes",
      shelterKm: 2,
      clinicKm: 4.5,
      checkpointsOrHostileGroups: "reported",
      phoneSignal: "good",
      shadeAndWater: "unknown",
    },
    status: "shortlisted",
  },
];

/**
 * Meeting points at the real crossings; one closed decision whose stored count chose El Chaparral
 * (with every round), and one open approval vote.
 */
async function seedMeetingPointsAndDecisions(
  tx: Database,
  groupIds: Map<string, string>,
  userIds: Map<string, string>,
) {
  const pointIds = new Map<string, string>();
  for (const { key, group, ...point } of demoMeetingPoints) {
    const [row] = await tx
      .insert(meetingPoints)
      .values({ ...point, groupId: groupIds.get(group)!, proposedBy: userIds.get("lupe")! })
      .returning({ id: meetingPoints.id });
    pointIds.set(key, row!.id);
  }
  const id = (key: string) => pointIds.get(key)!;
  const day = 86_400_000;

  // Closed a week ago: five groups voted; El Chaparral and Juárez tie in the first round, Nogales
  // goes out, and its ballot moves to El Chaparral, which wins the second.
  const closedOptions = [id("chaparral"), id("nogales"), id("juarez")];
  const closedBallots: [group: string, choices: string[]][] = [
    ["frontera-legal-san-diego", [id("chaparral"), id("nogales")]],
    ["albergue-casa-del-migrante-tijuana", [id("chaparral"), id("juarez")]],
    ["tucson-samaritans", [id("nogales"), id("chaparral")]],
    ["red-de-salud-juarez", [id("juarez"), id("nogales")]],
    ["el-paso-students-for-migrant-justice", [id("juarez"), id("chaparral")]],
  ];
  const pointNames = new Map(demoMeetingPoints.map((p) => [id(p.key), p.name]));
  const count = countBallots(
    "irv",
    closedOptions,
    closedBallots.map(([, choices]) => choices),
    (option) => pointNames.get(option)!,
  );
  await tx.update(meetingPoints).set({ status: "chosen" }).where(eq(meetingPoints.id, count.winner!));
  // Signed as a real choice is, so the demo point's page shows its QR code and code for /verify.
  await announceChosenPoint(tx, count.winner!);
  const [closed] = await tx
    .insert(decisions)
    .values({
      question: "¿Dónde recibimos a la caravana de noviembre? / Where do we welcome the November caravan?",
      method: "irv",
      opensAt: new Date(Date.now() - 14 * day),
      closesAt: new Date(Date.now() - 7 * day),
      quorum: 3,
      status: "closed",
      count,
      winnerId: count.winner,
      closedAt: new Date(Date.now() - 7 * day),
      // Its coordinators made the result public as soon as it was counted.
      publication: "at",
      publishesAt: new Date(Date.now() - 7 * day),
      openedBy: userIds.get("admin")!,
    })
    .returning({ id: decisions.id });
  await tx
    .insert(decisionOptions)
    .values(
      closedOptions.map((meetingPointId, position) => ({ decisionId: closed!.id, meetingPointId, position })),
    );
  await tx.insert(ballots).values(
    closedBallots.map(([group, choices]) => ({
      decisionId: closed!.id,
      voterKind: "group" as const,
      groupId: groupIds.get(group)!,
      choices,
    })),
  );

  // Open for five more days: an approval vote for the next caravan; two groups have voted.
  const closesAt = new Date(Date.now() + 5 * day);
  const [open] = await tx
    .insert(decisions)
    .values({
      question: "¿Dónde nos encontramos con la caravana de enero? / Where do we meet the January caravan?",
      method: "approval",
      opensAt: new Date(Date.now() - day),
      closesAt,
      quorum: 3,
      openedBy: userIds.get("admin")!,
    })
    .returning({ id: decisions.id });
  // Run by the admin who opened it and the two coordinators named with them.
  await tx
    .insert(decisionCoordinators)
    .values(["admin", "lupe", "jt"].map((key) => ({ decisionId: open!.id, userId: userIds.get(key)! })));
  const openOptions = [id("chaparral"), id("juarez"), id("brownsville")];
  await tx
    .insert(decisionOptions)
    .values(
      openOptions.map((meetingPointId, position) => ({ decisionId: open!.id, meetingPointId, position })),
    );
  await tx.insert(ballots).values([
    {
      decisionId: open!.id,
      voterKind: "group" as const,
      groupId: groupIds.get("tucson-samaritans")!,
      choices: [id("juarez"), id("brownsville")],
    },
    {
      decisionId: open!.id,
      voterKind: "group" as const,
      groupId: groupIds.get("red-de-salud-juarez")!,
      choices: [id("juarez")],
    },
  ]);
  // Two safety objections: one resolved in writing, one still open (it would hold Brownsville if it won).
  await tx.insert(safetyObjections).values([
    {
      decisionId: open!.id,
      meetingPointId: id("juarez"),
      groupId: groupIds.get("albergue-casa-del-migrante-tijuana")!,
      raisedBy: userIds.get("lupe")!,
      reason:
        "De noche la zona del puente queda sin luz y sin vigilancia. / At night the bridge area is unlit and unwatched.",
      resolution:
        "La bienvenida será solo de 9:00 a 17:00, con observadores legales. / The welcome will be 9:00–17:00 only, with legal observers.",
      resolvedBy: userIds.get("admin")!,
      resolvedAt: new Date(Date.now() - day / 2),
    },
    {
      decisionId: open!.id,
      meetingPointId: id("brownsville"),
      groupId: groupIds.get("tucson-samaritans")!,
      raisedBy: userIds.get("jt")!,
      reason:
        'Se reportan retenes de CBP y grupos de "vigilantes" armados cerca del puente. / CBP checkpoints and armed "vigilante" groups are reported near the bridge.',
    },
  ]);
  await tx.insert(jobs).values({
    kind: "decision.close",
    payload: { decisionId: open!.id },
    runAt: closesAt,
    dedupeKey: `decision.close:${open!.id}`,
  });
}

/**
 * A decision for the February caravan, closed yesterday, whose winner waits for the caravans'
 * ratification: Ana's caravan voted, so it is asked, and has not answered yet.
 */
async function seedRatifyingDecision(
  tx: Database,
  groupIds: Map<string, string>,
  userIds: Map<string, string>,
) {
  const day = 86_400_000;
  const points = await tx
    .select({ id: meetingPoints.id, name: meetingPoints.name })
    .from(meetingPoints)
    .where(eq(meetingPoints.status, "shortlisted"))
    .orderBy(meetingPoints.name)
    .limit(2);
  const [delegate] = await tx
    .select({ caravanId: caravanDelegates.caravanId })
    .from(caravanDelegates)
    .innerJoin(users, eq(users.id, caravanDelegates.userId))
    .where(eq(users.email, "ana@puente.example.org"))
    .limit(1);
  if (points.length < 2 || !delegate) return;
  const [first, second] = points as [(typeof points)[number], (typeof points)[number]];
  const cast: { groupId?: string; caravanId?: string; choices: string[] }[] = [
    { groupId: groupIds.get("tucson-samaritans")!, choices: [first.id, second.id] },
    { groupId: groupIds.get("red-de-salud-juarez")!, choices: [second.id, first.id] },
    { caravanId: delegate.caravanId, choices: [first.id] },
  ];
  const names = new Map(points.map((p) => [p.id, p.name]));
  const count = countBallots(
    "irv",
    [first.id, second.id],
    cast.map((b) => b.choices),
    (option) => names.get(option)!,
  );
  const ratifyBy = new Date(Date.now() + 40 * 3_600_000);
  const [decision] = await tx
    .insert(decisions)
    .values({
      question: "¿Dónde recibimos a la caravana de febrero? / Where do we welcome the February caravan?",
      method: "irv",
      opensAt: new Date(Date.now() - 6 * day),
      closesAt: new Date(Date.now() - day / 3),
      quorum: 2,
      status: "ratifying",
      count: { ...count, setAside: [] },
      winnerId: count.winner,
      closedAt: new Date(Date.now() - day / 3),
      ratifyBy,
      openedBy: userIds.get("admin")!,
    })
    .returning({ id: decisions.id });
  await tx.insert(decisionOptions).values(
    [first.id, second.id].map((meetingPointId, position) => ({
      decisionId: decision!.id,
      meetingPointId,
      position,
    })),
  );
  await tx.insert(ballots).values(
    cast.map(({ groupId, caravanId, choices }) => ({
      decisionId: decision!.id,
      voterKind: caravanId ? ("delegate" as const) : ("group" as const),
      groupId: groupId ?? null,
      caravanId: caravanId ?? null,
      choices,
    })),
  );
  // Lupe runs it with the admin: she may give the caravans more time or remind them.
  await tx
    .insert(decisionCoordinators)
    .values(["admin", "lupe"].map((key) => ({ decisionId: decision!.id, userId: userIds.get(key)! })));
  await tx
    .insert(ratifications)
    .values({ decisionId: decision!.id, meetingPointId: count.winner!, caravanId: delegate.caravanId });
  await tx.insert(jobs).values({
    kind: "decision.ratify",
    payload: { decisionId: decision!.id },
    runAt: ratifyBy,
    dedupeKey: `decision.ratify:${decision!.id}:${ratifyBy.toISOString()}`,
  });
}
