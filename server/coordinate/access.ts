// Who reads the coordinators' overview: the coordinators and organizers of any group, and admins.
import type { Database } from "@/db/client";
import { DomainError } from "../errors";
import { listMyGroups } from "../groups/groups";
import { organizesIn } from "../groups/membership";
import type { Actor } from "../actor";

export interface OrganizedGroup {
  id: string;
  slug: string;
  name: string;
  verified: boolean;
  role: "coordinator" | "organizer" | "member";
}

/** The groups `actor` coordinates or organizes; refuses anyone with none, unless an admin. */
export async function requireOrganizer(db: Database, actor: Actor): Promise<OrganizedGroup[]> {
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
