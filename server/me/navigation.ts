// What the header shows a signed-in person on every page: which sections are theirs to open, and
// how many messages wait unread, in one statement. Its rules are those of `organizesIn`
// (server/groups/membership.ts), `unreadCount` (server/messages) and `isReviewer` (server/reviewers).
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships, messageDeliveries, users } from "@/db/schema";
import type { Actor } from "../actor";

export interface Navigation {
  /** Reviews stories: an admin or someone an admin made a reviewer. */
  reviews: boolean;
  /** Has the coordinators' overview: an admin, or a coordinator or organizer of any group. */
  organizes: boolean;
  unread: number;
}

export async function navigationOf(db: Database, actor: Actor): Promise<Navigation> {
  // One statement, one round trip: the header is on every signed-in page (issue 21).
  const [row] = await db
    .select({
      reviewer: sql<boolean>`coalesce((select ${users.reviewer} from ${users} where ${users.id} = ${actor.id}), false)`,
      organizes: sql<boolean>`exists (select 1 from ${memberships} where ${memberships.userId} = ${actor.id}
        and ${memberships.status} = 'active' and ${memberships.role} in ('coordinator', 'organizer'))`,
      unread: sql<number>`(select count(*)::int from ${messageDeliveries}
        where ${messageDeliveries.userId} = ${actor.id} and ${messageDeliveries.readAt} is null)`,
    })
    .from(sql`(select 1) as one`);
  return {
    reviews: actor.isAdmin || Boolean(row?.reviewer),
    organizes: actor.isAdmin || Boolean(row?.organizes),
    unread: Number(row?.unread ?? 0),
  };
}
