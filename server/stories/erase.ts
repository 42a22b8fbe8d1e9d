// Erasing a story's content: everything the teller said, and every mark of it, goes at once.
// Withdrawal and declining both erase through here, so they can never again leave different traces.
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { stories } from "@/db/schema";

/**
 * Ends `storyId` as `ending` and clears what it said. The row stays (country, consent and dates
 * only) so that the audit log and the counts still add up; nothing in it can be read back.
 */
export async function eraseStory(
  tx: Database,
  storyId: string,
  ending: { status: "withdrawn" } | { status: "declined"; reviewedBy: string },
) {
  const when =
    ending.status === "withdrawn"
      ? { status: ending.status, withdrawnAt: sql`now()` }
      : { status: ending.status, reviewedBy: ending.reviewedBy, reviewedAt: sql`now()` };
  await tx
    .update(stories)
    .set({
      ...when,
      pseudonym: "",
      ageRange: null,
      caravanName: null,
      textEs: null,
      textEn: null,
      originalEs: null,
      originalEn: null,
      translatedInto: null,
    })
    .where(eq(stories.id, storyId));
}
