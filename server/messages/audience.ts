// Who a message reaches: whether the sender may write to each part of an audience, and the SQL
// that lists its recipients, so that counting and fanning out are one statement each.
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { caravanDelegates, caravans, groups, memberships } from "@/db/schema";
import { organizerAccess, shiftAccess } from "../actions/access";
import { votingGroups } from "../decisions/access";
import { DomainError, type ErrorKey } from "../errors";
import type { Actor } from "../actor";
import type { AudiencePartInput } from "./inputs";

const refuse = (key: ErrorKey = "audienceNotAllowed") => new DomainError("FORBIDDEN", key);

/** Refuses refusals of the action's own access rules with one message: this audience is not yours. */
async function organizedGroupOf(read: () => Promise<{ groupId: string; role: string | null }>) {
  try {
    const access = await read();
    if (access.role !== "coordinator" && access.role !== "organizer") throw refuse();
    return access.groupId;
  } catch (error) {
    if (error instanceof DomainError) throw refuse();
    throw error;
  }
}

/**
 * Checks that `actor` may write to every part (a coordinator or organizer of the group, or of the
 * action's group; for a caravan's delegates, of any verified group; for a caravan's own voice, its
 * delegate), and returns the groups involved: their organizers share the replies.
 */
export async function entitledGroups(
  db: Database,
  actor: Actor,
  audience: AudiencePartInput[],
): Promise<string[]> {
  const groupIds = new Set<string>();
  const direct = audience.flatMap((p) => (p.kind === "group" ? [p.groupId] : []));
  if (direct.length) {
    const rows = await db
      .select({ groupId: memberships.groupId })
      .from(memberships)
      .where(
        and(
          eq(memberships.userId, actor.id),
          eq(memberships.status, "active"),
          inArray(memberships.role, ["coordinator", "organizer"]),
          inArray(memberships.groupId, direct),
        ),
      );
    const mine = new Set(rows.map((r) => r.groupId));
    if (direct.some((id) => !mine.has(id))) throw refuse();
    direct.forEach((id) => groupIds.add(id));
  }
  for (const part of audience) {
    if (part.kind === "action") {
      groupIds.add(await organizedGroupOf(() => organizerAccess(db, actor, part.actionId)));
    } else if (part.kind === "shift") {
      groupIds.add(await organizedGroupOf(() => shiftAccess(db, actor, part.shiftId)));
    }
  }
  // A caravan's delegates hear from those who coordinate with caravans: the coordinators and
  // organizers of verified groups (the groups that see caravans in full).
  const caravanParts = audience.flatMap((p) => (p.kind === "caravanDelegates" ? [p.caravanId] : []));
  if (caravanParts.length) {
    if ((await votingGroups(db, actor)).length === 0) throw refuse();
    const known = await db
      .select({ id: caravans.id })
      .from(caravans)
      .where(inArray(caravans.id, caravanParts));
    if (known.length !== new Set(caravanParts).size) throw refuse();
  }
  await checkCaravanVoice(db, actor, audience);
  return [...groupIds];
}

/**
 * A caravan's own voice: only its delegates write for it, and only to verified groups (an
 * unverified group may be anyone). Its messages belong to no group: the delegate who wrote reads
 * every thread, each recipient their own.
 */
async function checkCaravanVoice(db: Database, actor: Actor, audience: AudiencePartInput[]) {
  const spoken = audience.flatMap((p) =>
    p.kind === "caravanLine" || p.kind === "groupCoordinators" ? [p] : [],
  );
  if (!spoken.length) return;
  const caravanIds = [...new Set(spoken.map((p) => p.caravanId))];
  const mine = await db
    .select({ caravanId: caravanDelegates.caravanId })
    .from(caravanDelegates)
    .where(and(eq(caravanDelegates.userId, actor.id), inArray(caravanDelegates.caravanId, caravanIds)));
  if (mine.length !== caravanIds.length) throw refuse("notCaravanSpeaker");
  const groupIds = [...new Set(spoken.flatMap((p) => (p.kind === "groupCoordinators" ? [p.groupId] : [])))];
  if (groupIds.length) {
    const verified = await db
      .select({ id: groups.id })
      .from(groups)
      .where(and(inArray(groups.id, groupIds), eq(groups.verified, true)));
    if (verified.length !== groupIds.length) throw refuse();
  }
}

/** One SELECT of user ids per part, united: a person in two parts is one recipient. */
export function recipientIds(audience: AudiencePartInput[]): SQL {
  const selects = audience.map((part): SQL => {
    switch (part.kind) {
      case "group":
        return sql`select user_id from memberships where group_id = ${part.groupId}
          and status = 'active' and role::text in ${part.roles}`;
      case "action":
        return sql`select sg.user_id from signups sg join shifts sh on sh.id = sg.shift_id
          where sh.action_id = ${part.actionId} and sg.status::text in ${part.statuses}`;
      case "shift":
        return sql`select user_id from signups where shift_id = ${part.shiftId}
          and status::text in ${part.statuses}`;
      case "caravanDelegates":
        return sql`select user_id from caravan_delegates where caravan_id = ${part.caravanId}`;
      case "caravanLine":
        return sql`select m.user_id from memberships m join groups g on g.id = m.group_id
          where g.verified and m.status = 'active' and m.role = 'coordinator'`;
      case "groupCoordinators":
        return sql`select m.user_id from memberships m join groups g on g.id = m.group_id
          where m.group_id = ${part.groupId} and g.verified and m.status = 'active'
          and m.role = 'coordinator'`;
    }
  });
  return sql.join(selects, sql` union `);
}

/** How many people the audience reaches, not counting the sender. */
export async function countRecipients(
  db: Database,
  actor: Actor,
  audience: AudiencePartInput[],
): Promise<number> {
  await entitledGroups(db, actor, audience);
  const result = await db.execute(
    sql`select count(*)::int as n from (${recipientIds(audience)}) r where r.user_id <> ${actor.id}`,
  );
  return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
}

/** `db.execute` answers an array on postgres.js and `{ rows }` on PGlite. */
export function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}
