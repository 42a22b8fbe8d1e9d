// A person's home: what needs them now, gathered from the domains in one call, each part read
// in parallel and none per item. Every part comes from its domain's own function, with that
// domain's rules (who sees what) applied there.
import type { Database } from "@/db/client";
import { mySignups } from "../actions/signups";
import { caravansSpokenFor } from "../caravans/spoken-for";
import { ratificationsAwaiting } from "../decisions/ratification";
import { ballotsAwaiting } from "../decisions/turnout";
import { chosenMeetingPoint } from "../meeting-points/meeting-points";
import { pledgesDue } from "../needs/needs";
import { listMyGroups } from "../groups/groups";
import { listMyInvitations } from "../groups/invitations";
import { joinRequestsWaitingFor } from "../groups/membership";
import { unreadUrgent } from "../messages/messages";
import type { Actor } from "../actor";

/** Shifts listed on the home; the rest are on /me. */
export const NEXT_SHIFTS = 5;

export async function homeOf(db: Database, actor: Actor) {
  const [signups, urgent, ballots, pledges, requests, invitations, groups, chosen, ratifications, spokenFor] =
    await Promise.all([
      mySignups(db, actor),
      unreadUrgent(db, actor),
      ballotsAwaiting(db, actor),
      pledgesDue(db, actor),
      joinRequestsWaitingFor(db, actor),
      listMyInvitations(db, actor),
      listMyGroups(db, actor),
      chosenMeetingPoint(db, actor),
      ratificationsAwaiting(db, actor),
      caravansSpokenFor(db, actor),
    ]);
  const active = groups.filter((g) => g.status === "active");
  return {
    shifts: signups.slice(0, NEXT_SHIFTS),
    moreShifts: Math.max(0, signups.length - NEXT_SHIFTS),
    urgent,
    ballots,
    /** Winners waiting for the caravans: a delegate's caravans', or every one for a coordinator. */
    ratifications,
    pledges,
    requests: requests.map((r) => ({ ...r, requests: Number(r.requests) })),
    invitations,
    /** Groups the person asked to join, still waiting for an answer. */
    pendingGroups: groups.filter((g) => g.status === "pending").map(({ slug, name }) => ({ slug, name })),
    inAGroup: active.length > 0,
    /** Whether they may create actions: they coordinate or organize a verified group. */
    organizes: active.some((g) => g.verified && (g.role === "coordinator" || g.role === "organizer")),
    /** Whether the coordinators' overview is theirs to read. */
    coordinates: actor.isAdmin || active.some((g) => g.role === "coordinator" || g.role === "organizer"),
    /** The caravans the person is a delegate of, each with the winners it is asked to ratify. */
    caravans: spokenFor.map((caravan) => ({
      ...caravan,
      ratifications: ratifications.filter((r) => r.caravanId === caravan.id),
    })),
    chosen: chosen && { id: chosen.id, name: chosen.name, crossing: chosen.crossing },
  };
}

export type Home = Awaited<ReturnType<typeof homeOf>>;
