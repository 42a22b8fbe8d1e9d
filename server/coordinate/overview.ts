// The coordinators' overview: the state of the whole effort on one screen, for the coordinators and
// organizers of groups (and admins). Caravans as the reader's groups may see them (visibility.ts
// decides), the decisions open now and their turnout, the next actions of the reader's groups and
// how full their shifts are, and the messages whose emails failed. One call, parts in parallel.
import type { Database } from "@/db/client";
import { fillRates } from "../actions/shifts";
import { caravanViewer } from "../caravans/access";
import { caravansAtAGlance } from "../caravans/glance";
import { ballotsAwaiting, openDecisionsTurnout } from "../decisions/turnout";
import { DomainError } from "../errors";
import { listMyGroups } from "../groups/groups";
import { organizesIn } from "../groups/membership";
import { messagesWithFailedDeliveries } from "../messages/threads";
import type { Actor } from "../actor";

/** The groups `actor` coordinates or organizes; refuses anyone with none, unless an admin. */
async function organizedGroups(db: Database, actor: Actor) {
  const groups = (await listMyGroups(db, actor)).filter(organizesIn);
  if (groups.length === 0 && !actor.isAdmin) throw new DomainError("FORBIDDEN", "notOrganizer");
  return groups.map(({ groupId, slug, name, verified, role }) => ({
    id: groupId,
    slug,
    name,
    verified,
    role,
  }));
}

export async function overviewOf(db: Database, actor: Actor) {
  const [groups, viewer] = await Promise.all([organizedGroups(db, actor), caravanViewer(db, actor)]);
  const [caravans, decisions, awaiting, actions, failed] = await Promise.all([
    caravansAtAGlance(db, actor, viewer),
    openDecisionsTurnout(db),
    ballotsAwaiting(db, actor),
    fillRates(
      db,
      groups.map((g) => g.id),
    ),
    messagesWithFailedDeliveries(db, actor),
  ]);
  return {
    groups,
    /** `public`: the reader's groups are not verified, so caravans show no headcount or needs. */
    caravanAccess: viewer.access,
    caravans,
    decisions: decisions.map((d) => ({
      ...d,
      /** The reader's groups and caravans that have not voted in it yet. */
      notYetVoted: awaiting.find((a) => a.id === d.id)?.voters ?? [],
    })),
    actions,
    failed,
  };
}

export type Overview = Awaited<ReturnType<typeof overviewOf>>;
