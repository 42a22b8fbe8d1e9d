// The floor for `npm run bench`: a bare `node:http` server that answers the benchmark's five
// requests with the same SQL statements the app sends for them (session lookup, rate-limit counts,
// access checks included), straight through the `postgres` driver, as plain JSON. No framework,
// no validation, no serializer: what any app on this database adds its cost on top of.
// Usage: tsx bench/direct-server.ts DATABASE_URL PORT
import { createHash, randomUUID } from "node:crypto";
import http from "node:http";
import postgres from "postgres";

const [url, port] = process.argv.slice(2);
const sql = postgres(url!, { max: Number(process.env.DATABASE_POOL_SIZE ?? 10), onnotice: () => {} });

const SESSION_COOKIE = /(?:^|;\s*)authjs\.session-token=([^;]+)/;

/** The signed-in person, as Auth.js's adapter finds them: the session joined to its user. */
async function actorOf(req: http.IncomingMessage) {
  const token = SESSION_COOKIE.exec(req.headers.cookie ?? "")?.[1];
  if (!token) return null;
  const [row] = await sql`select u.id, u.is_admin from sessions s join users u on u.id = s.user_id
    where s.session_token = ${token} and s.expires > now()`;
  return row ? { id: row.id as string, isAdmin: row.is_admin as boolean } : null;
}

const listActions = () => sql`select a.id, a.title, a.kind, a.place_name, a.time_zone, a.starts_at, a.ends_at,
    a.languages, a.visibility, g.name as group_name, g.slug as group_slug,
    coalesce((select sum(capacity) from shifts where action_id = a.id), 0)::int as places,
    coalesce((select sum(confirmed_count) from shifts where action_id = a.id), 0)::int as taken
  from actions a join groups g on g.id = a.group_id
  where a.status = 'scheduled' and a.ends_at > now() and a.visibility = 'public'
  order by a.starts_at, a.id limit 21`;

const access = (
  actionId: string,
  userId: string,
) => sql`select a.id, a.group_id, a.status, a.visibility, a.starts_at,
    a.ends_at, a.time_zone, m.role
  from actions a left join memberships m on m.group_id = a.group_id and m.user_id = ${userId} and m.status = 'active'
  where a.id = ${actionId}`;

async function getAction(actionId: string) {
  const [allowed] = await access(actionId, "");
  if (!allowed || allowed.visibility !== "public") return null;
  const [action] = await sql`select a.id, a.title, a.kind, a.description, a.place_name, a.exact_location,
      a.reveal_hours_before, a.time_zone, a.starts_at, a.ends_at, a.languages, a.visibility, a.status,
      g.id as group_id, g.name as group_name, g.slug as group_slug
    from actions a join groups g on g.id = a.group_id where a.id = ${actionId}`;
  const shifts =
    await sql`select s.id, s.role, s.starts_at, s.ends_at, s.capacity, s.confirmed_count, s.wanted_skills,
      (select count(*) from signups where shift_id = s.id and status = 'waitlisted')::int as waitlisted
    from shifts s where s.action_id = ${actionId} order by s.starts_at, s.role`;
  return { ...action, shifts };
}

const inbox = (
  userId: string,
) => sql`select m.id, m.subject_es, m.subject_en, m.urgent, d.created_at, d.read_at,
    u.name as sender_name
  from message_deliveries d join messages m on m.id = d.message_id left join users u on u.id = m.sender_id
  where d.user_id = ${userId} order by d.created_at desc, d.id desc limit 31`;

const directory = () => sql`select id, slug, name, kind, city, region, country from groups
  where verified order by name, id limit 26`;

/** rate-limiter-flexible's upsert: one row per key, reset when its window is over. */
const consume = (key: string, seconds: number) => sql`insert into rate_limits (key, points, expire)
  values (${key}, 1, now() + make_interval(secs => ${seconds}))
  on conflict (key) do update set
    points = case when rate_limits.expire <= now() then 1 else rate_limits.points + 1 end,
    expire = case when rate_limits.expire <= now() then excluded.expire else rate_limits.expire end
  returning points`;

async function signUp(userId: string, address: string, shiftId: string) {
  await consume(`signup-person:${userId}`, 3600);
  const clientKey = createHash("sha256").update(`puente-client:${address}`).digest("hex");
  await consume(`signup-address:${clientKey}`, 3600);
  const [shift] = await sql`select action_id from shifts where id = ${shiftId}`;
  const [allowed] = await access(shift!.action_id as string, userId);
  if (allowed!.status !== "scheduled") throw new Error("cancelled");
  return sql.begin(async (tx) => {
    const [locked] =
      await tx`select capacity, confirmed_count, starts_at, ends_at from shifts where id = ${shiftId} for update`;
    const [existing] =
      await tx`select id, status from signups where shift_id = ${shiftId} and user_id = ${userId}`;
    let id = existing?.id as string | undefined;
    if (!existing) {
      const confirm = locked!.confirmed_count < locked!.capacity;
      id = randomUUID();
      await tx`insert into signups (id, shift_id, user_id, status)
        values (${id}, ${shiftId}, ${userId}, ${confirm ? "confirmed" : "waitlisted"})`;
      if (confirm) {
        await tx`update shifts set confirmed_count = confirmed_count + 1 where id = ${shiftId}`;
        await tx`insert into jobs (kind, payload, run_at, dedupe_key)
          values ('signup.reminder', ${tx.json({ signupId: id })}, now(), ${`reminder:${id}`}) on conflict do nothing`;
      }
    }
    const [row] = await tx`select id, shift_id, status, case when status = 'waitlisted' then (
        select count(*) from signups ahead where ahead.shift_id = signups.shift_id and ahead.status = 'waitlisted'
          and ahead.queue_seq <= signups.queue_seq)::int end as position
      from signups where id = ${id!}`;
    return row;
  });
}

async function answer(req: http.IncomingMessage): Promise<[number, unknown]> {
  const { pathname, searchParams } = new URL(req.url ?? "/", "http://localhost");
  switch (pathname) {
    case "/actions":
      return [200, await listActions()];
    case "/action": {
      const action = await getAction(searchParams.get("id") ?? "");
      return action ? [200, action] : [404, null];
    }
    case "/directory":
      return [200, await directory()];
    case "/inbox": {
      const actor = await actorOf(req);
      return actor ? [200, await inbox(actor.id)] : [401, null];
    }
    case "/signup": {
      const actor = await actorOf(req);
      if (!actor) return [401, null];
      let body = "";
      for await (const chunk of req) body += chunk;
      const { shiftId } = JSON.parse(body) as { shiftId: string };
      const address = String(req.headers["x-forwarded-for"] ?? "unknown")
        .split(",")[0]!
        .trim();
      return [200, await signUp(actor.id, address, shiftId)];
    }
    default:
      return [404, null];
  }
}

http
  .createServer((req, res) => {
    answer(req).then(
      ([status, body]) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      },
      (error: unknown) => {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(String(error));
      },
    );
  })
  .listen(Number(port), "127.0.0.1", () => console.log(`direct server on ${port}`));
