// Telling, reading and withdrawing stories. A story reaches the public only once a reviewer has
// published it, and leaves it the moment its teller follows the withdrawal link. Public reads
// return only what the teller agreed to show: nothing that could lead back to them.
import { createHash } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Database } from "@/db/client";
import { stories } from "@/db/schema";
import { recordAudit } from "../audit/audit";
import { sendEmail } from "../email/email";
import { DomainError } from "../errors";
import type { Locale } from "../i18n/locale";
import { translator } from "../i18n/messages";
import { log } from "../log";
import { after } from "../pagination";
import { consume, STORY_SUBMISSIONS } from "../rate-limits";
import { eraseStory } from "./erase";
import { groupedCode, newWithdrawalCode } from "./withdrawal-code";
import type { listStoriesInput, submitStoryInput } from "./inputs";

/**
 * The wording of the consent step is versioned: each story records the version and the language
 * its teller read. Change `stories.consent` in the catalogs only together with this version.
 */
export const CONSENT_VERSION = "2026-11-1";

export const hashWithdrawToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** The only columns of a story that ever leave the server for the public. */
export const publicStoryColumns = {
  id: stories.id,
  pseudonym: stories.pseudonym,
  country: stories.country,
  ageRange: stories.ageRange,
  caravanName: stories.caravanName,
  textEs: stories.textEs,
  textEn: stories.textEn,
  translatedInto: stories.translatedInto,
  publishedAt: stories.publishedAt,
};

export async function listPublishedStories(db: Database, input: z.output<typeof listStoriesInput>) {
  const cursor = input.after;
  const rows = await db
    .select(publicStoryColumns)
    .from(stories)
    .where(
      and(
        eq(stories.status, "published"),
        cursor
          ? after([stories.publishedAt, stories.id], [cursor.publishedAt, cursor.id], "desc")
          : undefined,
      ),
    )
    .orderBy(desc(stories.publishedAt), desc(stories.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    stories: page,
    next:
      rows.length > input.limit && last?.publishedAt ? { publishedAt: last.publishedAt, id: last.id } : null,
  };
}

export async function getPublishedStory(db: Database, storyId: string) {
  const [story] = await db
    .select(publicStoryColumns)
    .from(stories)
    .where(and(eq(stories.id, storyId), eq(stories.status, "published")));
  if (!story) throw new DomainError("NOT_FOUND", "storyNotFound");
  return story;
}

interface Request {
  locale: Locale;
  origin: string;
  /** A hash of the client's address, for the submission limit. */
  clientKey: string;
}

/**
 * Stores a story for review. Returns the withdrawal link (to show on screen) and whether it was
 * emailed; the email address is used for that one email and never stored.
 */
export async function submitStory(db: Database, input: z.output<typeof submitStoryInput>, request: Request) {
  if (!input.consent) throw new DomainError("BAD_REQUEST", "storyConsentRequired");
  if (!input.textEs && !input.textEn) throw new DomainError("BAD_REQUEST", "storyTextRequired");
  await consume(db, STORY_SUBMISSIONS, request.clientKey);

  const token = newWithdrawalCode();
  await db.insert(stories).values({
    pseudonym: input.pseudonym,
    country: input.country,
    ageRange: input.ageRange ?? null,
    caravanName: input.caravanName || null,
    textEs: input.textEs || null,
    textEn: input.textEn || null,
    originalEs: input.textEs || null,
    originalEn: input.textEn || null,
    consentedAt: sql`now()`,
    consentVersion: CONSENT_VERSION,
    consentLocale: request.locale,
    withdrawTokenHash: hashWithdrawToken(token),
  });

  const link = withdrawLink(request.origin, token);
  let emailed = false;
  if (input.email) {
    const t = translator(request.locale, "email");
    try {
      // No printable link: it is on the teller's screen, and a server log is no place for it.
      emailed = await sendEmail({
        to: input.email,
        subject: t("story.subject"),
        text: t("story.text", { link, code: groupedCode(token) }),
      });
    } catch (error) {
      // The story is stored and its link is on screen: a failed email must not lose it.
      log.error("story withdrawal email failed", { error: error instanceof Error ? error.name : "unknown" });
    }
  }
  return { token, link, emailed };
}

export const withdrawLink = (origin: string, token: string) => `${origin}/stories/withdraw/${token}`;

async function storyOfToken(db: Database, token: string, { lock = false } = {}) {
  const query = db
    .select({ id: stories.id, status: stories.status, pseudonym: stories.pseudonym })
    .from(stories)
    .where(eq(stories.withdrawTokenHash, hashWithdrawToken(token)));
  const [story] = lock ? await query.for("update") : await query;
  if (!story) throw new DomainError("NOT_FOUND", "storyLinkUnknown");
  return story;
}

/** What the withdrawal page shows before the teller confirms. Changes nothing. */
export async function describeWithdrawal(db: Database, token: string) {
  const story = await storyOfToken(db, token);
  const withdrawn = story.status === "withdrawn";
  return {
    withdrawn,
    published: story.status === "published",
    pseudonym: withdrawn ? null : story.pseudonym,
  };
}

/** Takes the story off every public page at once and deletes everything it said. */
export async function withdrawStory(db: Database, token: string) {
  return db.transaction(async (tx) => {
    const story = await storyOfToken(tx, token, { lock: true });
    if (story.status === "withdrawn") throw new DomainError("CONFLICT", "storyAlreadyWithdrawn");
    await eraseStory(tx, story.id, { status: "withdrawn" });
    await recordAudit(tx, {
      actorId: null,
      action: "story.withdraw",
      subjectType: "story",
      subjectId: story.id,
      detail: { wasPublished: story.status === "published" },
    });
    return { withdrawn: true };
  });
}
