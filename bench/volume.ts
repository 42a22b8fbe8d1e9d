// The benchmark's realistic volume, written in a few seconds with INSERT … SELECT generate_series:
// 10,000 people each with a session, 500 groups, 2,000 actions (a quarter already over) with two
// shifts each, 50,000 signups, and 2,000 messages delivered 50 times each (100,000 deliveries).
import { createHash } from "node:crypto";
import type postgres from "postgres";

export const PEOPLE = 10_000;
export const GROUPS = 500;
export const ACTIONS = 2_000;
export const SHIFTS_PER_ACTION = 2;
export const SIGNUPS = 50_000;
export const MESSAGES = 2_000;
export const DELIVERIES_PER_MESSAGE = 50;
/** People 1..SIGNED_UP hold the seeded signups; the rest sign up during the benchmark. */
export const SIGNED_UP = 8_000;

/** The session token of person `i` (1-based): the same in SQL and here, so nothing is read back. */
export const sessionToken = (i: number) => createHash("sha256").update(`puente-bench-${i}`).digest("hex");

export interface Volume {
  /** Upcoming public actions, for the action page. */
  actionIds: string[];
  /** Shifts of upcoming actions, for signups. */
  shiftIds: string[];
}

export async function seedVolume(sql: postgres.Sql): Promise<Volume> {
  await sql.begin(async (tx) => {
    await tx`insert into users (id, email, name)
      select 'person-' || i, 'person-' || i || '@example.org', 'Persona ' || i
      from generate_series(1, ${PEOPLE}) i`;
    await tx`insert into sessions (session_token, user_id, expires)
      select encode(sha256(('puente-bench-' || i)::bytea), 'hex'), 'person-' || i, now() + interval '30 days'
      from generate_series(1, ${PEOPLE}) i`;
    await tx`insert into groups (slug, name, kind, country, city, region, verified)
      select 'grupo-' || i, 'Grupo ' || lpad(i::text, 4, '0') || ' ' || (array['Tijuana','Mexicali','Nogales','Ciudad Juárez','El Paso'])[i % 5 + 1],
        (enum_range(null::group_kind))[i % 10 + 1], case when i % 2 = 0 then 'MX' else 'US' end,
        (array['Tijuana','Mexicali','Nogales','Ciudad Juárez','El Paso'])[i % 5 + 1], 'Frontera', i % 10 <> 0
      from generate_series(1, ${GROUPS}) i`;
    // Everyone is an active member of one group, half of them of a second; the first 500 coordinate.
    await tx`with g as (select id, row_number() over (order by slug) n from groups)
      insert into memberships (group_id, user_id, role, status)
      select g.id, 'person-' || i, case when i <= ${GROUPS} then 'coordinator' else 'member' end::membership_role, 'active'
      from generate_series(1, ${PEOPLE}) i join g on g.n = (i - 1) % ${GROUPS} + 1`;
    await tx`with g as (select id, row_number() over (order by slug) n from groups)
      insert into memberships (group_id, user_id, role, status)
      select g.id, 'person-' || i, 'member', 'active'
      from generate_series(2, ${PEOPLE}, 2) i join g on g.n = (i * 7) % ${GROUPS} + 1
      on conflict do nothing`;
    // Two hours apart, the first quarter in the past; one in five for members only.
    await tx`with g as (select id, row_number() over (order by slug) n from groups)
      insert into actions (group_id, title, kind, place_name, exact_location, time_zone, starts_at, ends_at, visibility, languages)
      select g.id, 'Acción ' || i, (enum_range(null::action_kind))[i % 9 + 1], 'San Ysidro, Tijuana', 'Calle ' || i,
        'America/Tijuana', now() + (i - ${ACTIONS / 4}) * interval '2 hours', now() + (i - ${ACTIONS / 4}) * interval '2 hours' + interval '3 hours',
        case when i % 5 = 0 then 'members' else 'public' end::action_visibility, '{es,en}'
      from generate_series(1, ${ACTIONS}) i join g on g.n = i % ${GROUPS} + 1`;
    await tx`insert into shifts (action_id, role, starts_at, ends_at, capacity)
      select a.id, 'Turno ' || s, a.starts_at, a.ends_at, 8 + (row_number() over (order by a.id, s))::int % 10
      from actions a cross join generate_series(1, ${SHIFTS_PER_ACTION}) s`;
    // 12 or 13 signups a shift, from people 1..SIGNED_UP; past its capacity a signup waits in line.
    await tx`with s as (select id, capacity, row_number() over (order by id) n from shifts)
      insert into signups (shift_id, user_id, status)
      select s.id, 'person-' || ((s.n * 13 + j) % ${SIGNED_UP} + 1),
        case when j <= s.capacity then 'confirmed' else 'waitlisted' end::signup_status
      from s cross join generate_series(1, 13) j
      where j <= 12 or s.n % 2 = 0`;
    await tx`update shifts set confirmed_count = c.n
      from (select shift_id, count(*)::int n from signups where status = 'confirmed' group by shift_id) c
      where c.shift_id = shifts.id`;
    await tx`insert into messages (sender_id, group_ids, audience, subject_es, body_es, created_at)
      select 'person-' || (i % ${GROUPS} + 1), '{}', '[]', 'Aviso ' || i, 'Texto del aviso ' || i,
        now() - i * interval '20 minutes'
      from generate_series(1, ${MESSAGES}) i`;
    await tx`with m as (select id, created_at, row_number() over (order by created_at) n from messages)
      insert into message_deliveries (message_id, user_id, status, by_email, created_at, read_at)
      select m.id, 'person-' || ((m.n * ${DELIVERIES_PER_MESSAGE} + k) % ${PEOPLE} + 1), 'sent', false, m.created_at,
        case when k % 3 = 0 then null else m.created_at + interval '1 hour' end
      from m cross join generate_series(0, ${DELIVERIES_PER_MESSAGE - 1}) k`;
  });
  await sql`analyze`;
  const actionIds = await sql<{ id: string }[]>`select id from actions
    where visibility = 'public' and status = 'scheduled' and ends_at > now() order by starts_at`;
  const shiftIds = await sql<{ id: string }[]>`select s.id from shifts s join actions a on a.id = s.action_id
    where a.status = 'scheduled' and a.visibility = 'public' and s.ends_at > now() + interval '1 day' order by s.id`;
  return { actionIds: actionIds.map((r) => r.id), shiftIds: shiftIds.map((r) => r.id) };
}
