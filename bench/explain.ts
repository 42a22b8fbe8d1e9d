// For `npm run bench`: the plan of every SQL statement the benchmarked procedures send. Each
// procedure runs once through the tRPC caller on a Drizzle client that records its queries; every
// statement is then EXPLAINed with its own parameters (EXPLAIN without ANALYZE: writes are planned,
// not done again). A sequential scan of a table of 5,000 rows or more is flagged.
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Database } from "@/db/client";
import * as schema from "@/db/schema";
import { createCaller } from "@/server/root";
import type { Actor } from "@/server/actor";

/** From this many rows on, a sequential scan is flagged: below it, reading the table whole is cheap. */
const BIG = 5_000;

/** The query Auth.js's Drizzle adapter sends to find the session of a request (getSessionAndUser). */
const SESSION_LOOKUP = `select "sessions"."session_token", "sessions"."user_id", "sessions"."expires", "users"."id",
  "users"."name", "users"."email", "users"."email_verified", "users"."image", "users"."is_admin"
  from "sessions" inner join "users" on "users"."id" = "sessions"."user_id" where "sessions"."session_token" = $1`;

export interface Probe {
  label: string;
  actor: Actor | null;
  call: (api: ReturnType<typeof createCaller>) => Promise<unknown>;
}

/** Prints each statement and its plan; returns how many plans scan a big table sequentially. */
export async function explainProcedures(url: string, probes: Probe[], sessionToken: string): Promise<number> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  let statements: { query: string; params: unknown[] }[] = [];
  const db = drizzle({
    client,
    schema,
    logger: { logQuery: (query, params) => statements.push({ query, params }) },
  }) as unknown as Database;
  let flagged = 0;
  try {
    const sizes = new Map(
      (
        await client<{ relname: string; rows: number }[]>`select relname, reltuples::int as rows from pg_class
          where relkind = 'r' and relnamespace = 'public'::regnamespace`
      ).map((r) => [r.relname, r.rows]),
    );
    for (const probe of probes) {
      statements = [];
      const api = createCaller({
        db,
        actor: probe.actor,
        locale: "es",
        origin: "http://bench.test",
        clientKey: "explain",
      });
      await probe.call(api);
      if (probe.actor) statements.unshift({ query: SESSION_LOOKUP, params: [sessionToken] });
      console.log(`\n### ${probe.label}: ${statements.length} statements`);
      for (const [i, { query, params }] of statements.entries()) {
        const plan = await client.unsafe(`explain (costs off) ${query}`, params as never[]);
        const lines = plan.map((row) => String(row["QUERY PLAN"]));
        const seq = lines.flatMap((line) => /Seq Scan on (\w+)/.exec(line)?.[1] ?? []);
        const big = seq.filter((table) => (sizes.get(table) ?? 0) >= BIG);
        flagged += big.length;
        console.log(`\n${i + 1}. ${query.replace(/\s+/g, " ").slice(0, 400)}`);
        for (const line of lines) console.log(`   ${line}`);
        if (big.length) console.log(`   ^^^ SEQUENTIAL SCAN of ${big.join(", ")}`);
        for (const table of seq.filter((t) => !big.includes(t))) {
          console.log(
            `   (sequential scan of ${table}: ${sizes.get(table)} rows, under ${BIG}: the planner's choice)`,
          );
        }
      }
    }
  } finally {
    await client.end();
  }
  return flagged;
}
