// What a sender may choose from when composing: the groups they coordinate or organize, the
// upcoming actions (with their shifts) of those groups, and caravans' delegates; for a caravan's
// delegate, the caravan line and each verified group.
import { and, asc, eq, exists, gte, inArray, ne, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { actions, caravanDelegates, caravans, groups, memberships, shifts } from "@/db/schema";
import type { Actor } from "../actor";
import { delegateCaravans } from "../decisions/access";

/** What a delegate may write to: for each caravan they speak for, the caravan line or one verified group. */
async function voiceChoices(db: Database, actor: Actor) {
  const speaksFor = await delegateCaravans(db, actor);
  const lineGroups = speaksFor.length
    ? await db
        .select({ id: groups.id, name: groups.name })
        .from(groups)
        .where(eq(groups.verified, true))
        .orderBy(asc(groups.name))
    : [];
  return { speaksFor, lineGroups };
}

export async function audienceChoices(db: Database, actor: Actor) {
  const voice = await voiceChoices(db, actor);
  const mine = await db
    .select({ id: groups.id, name: groups.name, verified: groups.verified })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .where(
      and(
        eq(memberships.userId, actor.id),
        eq(memberships.status, "active"),
        inArray(memberships.role, ["coordinator", "organizer"]),
      ),
    )
    .orderBy(asc(groups.name));
  if (mine.length === 0) return { groups: [], actions: [], caravans: [], ...voice };
  const rows = await db
    .select({
      actionId: actions.id,
      title: actions.title,
      startsAt: actions.startsAt,
      timeZone: actions.timeZone,
      shiftId: shifts.id,
      role: shifts.role,
      shiftStartsAt: shifts.startsAt,
    })
    .from(actions)
    .innerJoin(shifts, eq(shifts.actionId, actions.id))
    .where(
      and(
        inArray(
          actions.groupId,
          mine.map((g) => g.id),
        ),
        eq(actions.status, "scheduled"),
        gte(actions.endsAt, new Date()),
      ),
    )
    .orderBy(asc(actions.startsAt), asc(shifts.startsAt))
    .limit(200);
  const byAction = new Map<
    string,
    {
      id: string;
      title: string;
      startsAt: Date;
      timeZone: string;
      shifts: { id: string; role: string; startsAt: Date }[];
    }
  >();
  for (const r of rows) {
    const action = byAction.get(r.actionId) ?? {
      id: r.actionId,
      title: r.title,
      startsAt: r.startsAt,
      timeZone: r.timeZone,
      shifts: [],
    };
    action.shifts.push({ id: r.shiftId, role: r.role, startsAt: r.shiftStartsAt });
    byAction.set(r.actionId, action);
  }
  // The delegates of caravans still on their way, for senders in a verified group.
  const caravanChoices = mine.some((g) => g.verified)
    ? await db
        .select({ id: caravans.id, name: caravans.name })
        .from(caravans)
        .where(
          and(
            ne(caravans.status, "dispersed"),
            exists(
              db
                .select({ one: sql`1` })
                .from(caravanDelegates)
                .where(eq(caravanDelegates.caravanId, caravans.id)),
            ),
          ),
        )
        .orderBy(asc(caravans.name))
    : [];
  return {
    groups: mine.map(({ id, name }) => ({ id, name })),
    actions: [...byAction.values()],
    caravans: caravanChoices,
    ...voice,
  };
}
