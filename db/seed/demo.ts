// Demo data: realistic, bilingual, and enough to show every feature at work on a first look.
// Each domain adds its part here. People use example.org addresses (RFC 2606): no one real.
import { createHash, randomBytes } from "node:crypto";
import { count } from "drizzle-orm";
import type { Database } from "../client";
import {
  actions,
  auditEvents,
  groups,
  invitations,
  memberships,
  stories,
  shifts,
  signups,
  users,
  type AgeRange,
  type Country,
  type GroupKind,
  type MembershipRole,
} from "../schema";

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
    preferredLanguage: "es",
    languagesSpoken: ["es", "en"],
    skills: ["legal", "translation"],
  },
  {
    key: "dan",
    name: "Dan R.",
    email: "dan@puente.example.org",
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
