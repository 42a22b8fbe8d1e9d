// What the fault tests share: a database on the throw-away cluster with Puente's migrations, a
// public action with shifts, people signed in by sessions written straight into the database (as
// Auth.js would after an emailed link), and a small client for the tRPC HTTP API.
import { randomBytes } from "node:crypto";
import http from "node:http";
import { beforeAll } from "vitest";
import { migrateDatabase, openPostgres, type Database, type DatabaseHandle } from "@/db/client";
import { actions, groups, sessions, shifts, users } from "@/db/schema";
import type { PostgresCluster } from "./postgres-cluster";

/** A fresh database on `cluster`, migrated, and a client on it for the test's own checks. */
export async function createDatabase(cluster: PostgresCluster, name: string): Promise<DatabaseHandle> {
  const url = await cluster.createDatabase(name);
  const handle = await openPostgres(url);
  await migrateDatabase(handle);
  return handle;
}

export interface Person {
  id: string;
  token: string;
}

/** `count` people, each with a valid session token (the cookie the browser would send). */
export async function makePeople(db: Database, count: number, label: string): Promise<Person[]> {
  const people: Person[] = [];
  for (let start = 0; start < count; start += 500) {
    const batch = Math.min(500, count - start);
    const rows = await db
      .insert(users)
      .values(
        Array.from({ length: batch }, (_, i) => ({
          email: `${label}-${start + i}@example.org`,
          name: `${label} ${start + i}`,
        })),
      )
      .returning({ id: users.id });
    const tokens = rows.map(() => randomBytes(32).toString("hex"));
    await db.insert(sessions).values(
      rows.map((row, i) => ({
        sessionToken: tokens[i]!,
        userId: row.id,
        expires: new Date(Date.now() + 86_400_000),
      })),
    );
    rows.forEach((row, i) => people.push({ id: row.id, token: tokens[i]! }));
  }
  return people;
}

/** A verified group with one public action next week and `capacities.length` shifts. */
export async function makeAction(db: Database, capacities: number[]) {
  const suffix = randomBytes(3).toString("hex");
  const [group] = await db
    .insert(groups)
    .values({
      slug: `faults-${suffix}`,
      name: `Faults ${suffix}`,
      kind: "community",
      city: "Tijuana",
      region: "Baja California",
      country: "MX",
      verified: true,
    })
    .returning({ id: groups.id });
  const startsAt = new Date(Date.now() + 7 * 86_400_000);
  const endsAt = new Date(startsAt.getTime() + 3_600_000);
  const [action] = await db
    .insert(actions)
    .values({
      groupId: group!.id,
      title: "Welcome at the crossing",
      kind: "welcome",
      placeName: "Tijuana",
      timeZone: "America/Tijuana",
      startsAt,
      endsAt,
    })
    .returning({ id: actions.id });
  const rows = await db
    .insert(shifts)
    .values(
      capacities.map((capacity, i) => ({
        actionId: action!.id,
        role: `Shift ${i}`,
        startsAt,
        endsAt,
        capacity,
      })),
    )
    .returning({ id: shifts.id });
  return { groupId: group!.id, actionId: action!.id, shiftIds: rows.map((r) => r.id) };
}

export interface Answer {
  /** HTTP status, or 0 when no answer came (connection refused or reset). */
  status: number;
  /** The procedure's result (superjson's `json` part) on success. */
  data?: unknown;
  /** tRPC error code (e.g. TOO_MANY_REQUESTS), or the network error's message. */
  error?: string;
}

type TrpcBody = {
  result?: { data?: { json?: unknown } };
  error?: { json?: { data?: { code?: string } } };
};

/**
 * Reads a tRPC answer. A 200 whose body did not arrive whole (the server died while sending it) is
 * no acknowledgement: the client never learnt the result, so it counts as no answer at all.
 */
function answerOf(status: number, text: string): Answer {
  let body: TrpcBody | null = null;
  try {
    body = JSON.parse(text) as TrpcBody;
  } catch {
    // not JSON: a cut-off success is "truncated", any other status "unparsed"
  }
  if (status === 200) {
    return body?.result?.data ? { status, data: body.result.data.json } : { status: 0, error: "truncated" };
  }
  return { status, error: body?.error?.json?.data?.code ?? "unparsed" };
}

/** One tRPC mutation over HTTP as a signed-in person, from `address` (X-Forwarded-For). */
export async function mutate(
  origin: string,
  procedure: string,
  input: unknown,
  person: Person,
  address: string,
  signal?: AbortSignal,
): Promise<Answer> {
  try {
    const response = await fetch(`${origin}/api/trpc/${procedure}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        cookie: `authjs.session-token=${person.token}`,
        "x-forwarded-for": address,
      },
      body: JSON.stringify({ json: input }),
      signal,
    });
    return answerOf(response.status, await response.text());
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return { status: 0, error: cause?.code ?? (error instanceof Error ? error.message : String(error)) };
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The same mutation through node:http and a given agent, to bound the number of TCP connections
 * (as a reverse proxy in front of the app server does) while all requests are issued at once.
 */
export function mutateVia(
  agent: http.Agent,
  origin: string,
  procedure: string,
  input: unknown,
  person: Person,
  address: string,
): Promise<Answer> {
  const body = JSON.stringify({ json: input });
  return new Promise((resolve) => {
    const request = http.request(
      `${origin}/api/trpc/${procedure}`,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          cookie: `authjs.session-token=${person.token}`,
          "x-forwarded-for": address,
        },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("error", (error) => resolve({ status: 0, error: error.message }));
        response.on("end", () => resolve(answerOf(response.statusCode ?? 0, text)));
      },
    );
    request.on("error", (error: NodeJS.ErrnoException) =>
      resolve({ status: 0, error: error.code ?? error.message }),
    );
    request.end(body);
  });
}

/**
 * beforeAll, but never leaving tests skipped: when setting up fails (no PostgreSQL cluster, no app
 * server), every test of the file fails with that error, and CI counts them as failed.
 */
export function setUpOrFail(setup: () => Promise<void>): () => void {
  let failure: unknown;
  beforeAll(async () => {
    try {
      await setup();
    } catch (error) {
      failure = error;
    }
  });
  return () => {
    if (failure) throw failure;
  };
}
