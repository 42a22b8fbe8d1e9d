// The coordinators' overview: the state of the whole effort on one screen, for the coordinators and
// organizers of groups (and admins). Caravans as the reader's groups may see them (visibility.ts
// decides), the decisions open now and their turnout, the next actions of the reader's groups and
// how full their shifts are, and the messages whose emails failed. One call, parts in parallel.
import type { Database } from "@/db/client";
import { fillRates } from "../actions/shifts";
import { caravanViewer } from "../caravans/access";
import { caravansAtAGlance } from "../caravans/glance";
import { ballotsAwaiting, openDecisionsTurnout } from "../decisions/turnout";
import { messagesWithFailedDeliveries } from "../messages/threads";
import type { Actor } from "../actor";
import type { OrganizedGroup } from "./access";

/** The overview for `actor`, who organizes `groups` (as organizerProcedure found them). */
export async function overviewOf(db: Database, actor: Actor, groups: OrganizedGroup[]) {
  const viewer = await caravanViewer(db, actor);
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
