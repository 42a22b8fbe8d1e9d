// What the header shows a signed-in person on every page: which sections are theirs to open, and
// how many messages wait unread. One read of their memberships serves every link.
import type { Database } from "@/db/client";
import type { Actor } from "../actor";
import { listMyGroups } from "../groups/groups";
import { organizesIn } from "../groups/membership";
import { unreadCount } from "../messages/messages";
import { isReviewer } from "../reviewers/reviewers";

export interface Navigation {
  /** Reviews stories: an admin or someone an admin made a reviewer. */
  reviews: boolean;
  /** Has the coordinators' overview: an admin, or a coordinator or organizer of any group. */
  organizes: boolean;
  unread: number;
}

export async function navigationOf(db: Database, actor: Actor): Promise<Navigation> {
  const [mine, unread, reviews] = await Promise.all([
    listMyGroups(db, actor),
    unreadCount(db, actor),
    isReviewer(db, actor),
  ]);
  return {
    reviews,
    organizes: actor.isAdmin || mine.some(organizesIn),
    unread,
  };
}
