// The pledges still standing against some needs (pledged or delivered, not withdrawn), with the
// pledging group's name, soonest first: what the needs board and a delegate's home both show.
import { and, eq, inArray, ne } from "drizzle-orm";
import type { Database } from "@/db/client";
import { groups, pledges } from "@/db/schema";

export async function standingPledges(db: Database, needIds: readonly string[]) {
  if (needIds.length === 0) return [];
  return db
    .select({
      id: pledges.id,
      needId: pledges.needId,
      groupId: pledges.groupId,
      groupName: groups.name,
      what: pledges.what,
      quantity: pledges.quantity,
      byDate: pledges.byDate,
      status: pledges.status,
    })
    .from(pledges)
    .innerJoin(groups, eq(groups.id, pledges.groupId))
    .where(and(inArray(pledges.needId, [...needIds]), ne(pledges.status, "withdrawn")))
    .orderBy(pledges.byDate, groups.name);
}
