// `npm run bench`: a rush on one shift (issue 21). 1,000 signed-in people sign up at once for one
// shift of 50 places through the server caller (the procedures as the API runs them, rate limits
// included), on PostgreSQL only, in a database of its own: signups per second, and the invariants
// checked after each round (exactly 50 confirmed, 950 waiting in an unbroken line). Twice: from
// 1,000 addresses, and from one address (a shelter's wifi: one shared rate-limit row; its limit
// raised so that nobody is refused). BENCH_RUSH_ROUNDS (default 3) rounds each; DATABASE_URL
// names the server (a database is made there and dropped).
import { and, eq, sql } from "drizzle-orm";
import { actions, groups, shifts, signups, users } from "@/db/schema";
import { createCaller } from "@/server/root";
import { createTestDatabase } from "../test-support/database";

const PEOPLE = 1_000;
const CAPACITY = 50;
const ROUNDS = Number(process.env.BENCH_RUSH_ROUNDS ?? 3);

// PostgreSQL only, never PGlite: the same default server as bench/http.ts.
process.env.DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/postgres";
// One address sending 1,000 signups: room for all of them under the per-address limit (600 an hour).
process.env.PUENTE_RATE_LIMIT_SCALE = "10";

const handle = await createTestDatabase();
const { db } = handle;
try {
  const [group] = await db
    .insert(groups)
    .values({
      slug: "rush",
      name: "Rush",
      kind: "community",
      country: "MX",
      city: "Tijuana",
      region: "Baja California",
      verified: true,
    })
    .returning({ id: groups.id });
  const crowd = await db
    .insert(users)
    .values(Array.from({ length: PEOPLE }, (_, i) => ({ email: `rush-${i}@example.org` })))
    .returning({ id: users.id });

  async function shiftOfNewAction() {
    const startsAt = new Date(Date.now() + 48 * 3_600_000);
    const endsAt = new Date(startsAt.getTime() + 4 * 3_600_000);
    const [action] = await db
      .insert(actions)
      .values({
        groupId: group!.id,
        title: "Bienvenida en El Chaparral",
        kind: "welcome",
        placeName: "El Chaparral, Tijuana",
        timeZone: "America/Tijuana",
        startsAt,
        endsAt,
      })
      .returning({ id: actions.id });
    const [shift] = await db
      .insert(shifts)
      .values({ actionId: action!.id, role: "Welcome table", startsAt, endsAt, capacity: CAPACITY })
      .returning({ id: shifts.id });
    return shift!.id;
  }

  const rows: string[] = [];
  for (const addresses of ["1,000 addresses", "one address"] as const) {
    for (let round = 1; round <= ROUNDS; round++) {
      const shiftId = await shiftOfNewAction();
      const started = performance.now();
      const results = await Promise.allSettled(
        crowd.map((person, i) =>
          createCaller({
            db,
            actor: { id: person.id, isAdmin: false },
            locale: "es",
            origin: "http://puente.test",
            clientKey: addresses === "one address" ? "shelter-wifi" : `address-${round}-${i}`,
          }).actions.signUp({ shiftId }),
        ),
      );
      const seconds = (performance.now() - started) / 1000;
      const failed = results.filter((r) => r.status === "rejected").length;
      const [counts] = await db
        .select({
          confirmed: sql<number>`count(*) filter (where ${signups.status} = 'confirmed')::int`,
          waitlisted: sql<number>`count(*) filter (where ${signups.status} = 'waitlisted')::int`,
          line: sql<number>`count(distinct ${signups.queueSeq}) filter (where ${signups.status} = 'waitlisted')::int`,
        })
        .from(signups)
        .where(and(eq(signups.shiftId, shiftId)));
      const held = counts!.confirmed === CAPACITY && counts!.waitlisted === PEOPLE - CAPACITY && failed === 0;
      rows.push(
        `| ${addresses} | ${round} | ${seconds.toFixed(2)} s | ${Math.round(PEOPLE / seconds)} | ${counts!.confirmed} / ${counts!.waitlisted} (${counts!.line} places in line) | ${failed} | ${held ? "yes" : "NO"} |`,
      );
      if (!held) process.exitCode = 1;
    }
  }
  console.log(
    `\nA rush on one shift: ${PEOPLE} people at once for ${CAPACITY} places (server caller, PostgreSQL)\n`,
  );
  console.log("| from | round | time | signups/s | confirmed / waitlisted | errors | invariants |");
  console.log("| --- | ---: | ---: | ---: | --- | ---: | --- |");
  for (const row of rows) console.log(row);
} finally {
  await handle.close();
}
