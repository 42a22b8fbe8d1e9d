// Review: admins and the coordinators of verified groups read submitted stories, edit out
// identifying details, add a translation, then publish (audited) or decline. Publishing deletes
// the teller's original text: only the reviewed version is kept.
import { asc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Database } from "@/db/client";
import { stories, type Locale } from "@/db/schema";
import { recordAudit } from "../audit/audit";
import { DomainError } from "../errors";
import type { Actor } from "../actor";
import { eraseStory } from "./erase";
import type { reviewStoryInput } from "./inputs";

/** Stories waiting for review, oldest first, with the teller's original next to the edited text. */
export async function storyQueue(db: Database) {
  return db
    .select({
      id: stories.id,
      pseudonym: stories.pseudonym,
      country: stories.country,
      ageRange: stories.ageRange,
      caravanName: stories.caravanName,
      textEs: stories.textEs,
      textEn: stories.textEn,
      originalEs: stories.originalEs,
      originalEn: stories.originalEn,
      consentLocale: stories.consentLocale,
      submittedAt: stories.submittedAt,
    })
    .from(stories)
    .where(eq(stories.status, "submitted"))
    .orderBy(asc(stories.submittedAt), asc(stories.id));
}

type Review = z.output<typeof reviewStoryInput>;

async function waitingStory(tx: Database, storyId: string) {
  const [story] = await tx
    .select({
      id: stories.id,
      status: stories.status,
      originalEs: stories.originalEs,
      originalEn: stories.originalEn,
    })
    .from(stories)
    .where(eq(stories.id, storyId))
    .for("update");
  if (!story) throw new DomainError("NOT_FOUND", "storyNotFound");
  if (story.status !== "submitted") throw new DomainError("CONFLICT", "storyNotWaiting");
  return story;
}

function edits(review: Review) {
  if (!review.textEs && !review.textEn) throw new DomainError("BAD_REQUEST", "storyTextRequired");
  return {
    pseudonym: review.pseudonym,
    caravanName: review.caravanName || null,
    textEs: review.textEs || null,
    textEn: review.textEn || null,
  };
}

/** Saves the reviewer's edits; the story stays in the queue. */
export async function saveReview(db: Database, actor: Actor, review: Review) {
  return db.transaction(async (tx) => {
    await waitingStory(tx, review.storyId);
    await tx
      .update(stories)
      .set({ ...edits(review), reviewedBy: actor.id, reviewedAt: sql`now()` })
      .where(eq(stories.id, review.storyId));
    return { id: review.storyId };
  });
}

/** The language a reviewer added: one the teller did not write in, now present. */
function translatedInto(original: { originalEs: string | null; originalEn: string | null }, review: Review) {
  const added: Locale[] = [];
  if (!original.originalEs && review.textEs && original.originalEn) added.push("es");
  if (!original.originalEn && review.textEn && original.originalEs) added.push("en");
  return added[0] ?? null;
}

export async function publishStory(db: Database, actor: Actor, review: Review) {
  return db.transaction(async (tx) => {
    const story = await waitingStory(tx, review.storyId);
    const translation = translatedInto(story, review);
    await tx
      .update(stories)
      .set({
        ...edits(review),
        translatedInto: translation,
        status: "published",
        publishedAt: sql`now()`,
        reviewedBy: actor.id,
        reviewedAt: sql`now()`,
        // Kept only until publication: the edited version is what the world reads.
        originalEs: null,
        originalEn: null,
      })
      .where(eq(stories.id, story.id));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "story.publish",
      subjectType: "story",
      subjectId: story.id,
      detail: { translatedInto: translation },
    });
    return { id: story.id };
  });
}

/** Turns a story down; nothing it said is kept. */
export async function declineStory(db: Database, actor: Actor, storyId: string) {
  return db.transaction(async (tx) => {
    const story = await waitingStory(tx, storyId);
    await eraseStory(tx, story.id, { status: "declined", reviewedBy: actor.id });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "story.decline",
      subjectType: "story",
      subjectId: story.id,
    });
    return { id: story.id };
  });
}
