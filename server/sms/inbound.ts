// What comes back on the SMPP bind. A delivery receipt moves its SMS delivery to delivered or
// failed. A person's text is, in this order: STOP (ALTO, BAJA…), which turns SMS off for the number
// at once with one confirmation; AYUDA / HELP, answered with how to reach the coordinators; SI / NO
// to a shift reminder texted to the number (./reminder-answers.ts); or a reply, which lands in the
// thread of the latest message the person received (two weeks at most).
// A text from a number nobody verified goes to the admins' "unmatched" list.
import { and, desc, eq, gt, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  messageDeliveries,
  messageReplies,
  phoneNumbers,
  smsDeliveries,
  smsInbound,
  users,
} from "@/db/schema";
import { DomainError } from "../errors";
import { translator } from "../i18n/messages";
import { log } from "../log";
import { signal } from "../messages/live";
import { publicOrigin } from "../origin";
import { consume, REPLIES_SENT, type Limit } from "../rate-limits";
import { withoutControls } from "../text";
import { numberKeyOf } from "./privacy";
import { senderE164 } from "./numbers";
import { answerReminder, reminderAnswerOf } from "./reminder-answers";
import type { InboundText, Receipt } from "./transport";

const STOP_WORDS = new Set(["STOP", "ALTO", "BAJA", "PARAR", "CANCELAR", "UNSUBSCRIBE", "END", "QUIT"]);
const HELP_WORDS = new Set(["AYUDA", "HELP", "INFO"]);
/** How far back a reply may belong: a text a month later is more likely about something new. */
const REPLY_WINDOW = "14 days";
const MAX_REPLY = 2_000;

/** Texts kept for the admins from one number: a flood from a stranger cannot bury the others. */
export const UNMATCHED_PER_NUMBER: Limit = { name: "sms-unmatched-number", points: 30, seconds: 3600 };

/** Counts one use of `limit`; false, having logged it, when past it (an SMS has nobody to tell). */
async function within(db: Database, limit: Limit, key: string): Promise<boolean> {
  try {
    await consume(db, limit, key);
    return true;
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== "TOO_MANY_REQUESTS") throw error;
    log.warn("sms: a text past its limit was dropped", { limit: limit.name });
    return false;
  }
}

/** "¡Alto!" → "ALTO": the one word of a keyword text, accents and punctuation aside. */
export function keywordOf(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .trim()
    .toUpperCase();
}

export async function recordReceipt(db: Database, receipt: Receipt): Promise<void> {
  if (!receipt.providerId || receipt.state === "pending") return;
  const id = sql`array[${receipt.providerId}]::text[]`;
  if (receipt.state === "failed") {
    await db
      .update(smsDeliveries)
      .set({ status: "failed", reason: receipt.reason })
      .where(sql`${smsDeliveries.providerIds} @> ${id}`);
    return;
  }
  // Each segment has its own receipt: delivered once every segment is (a failed one stays failed).
  await db.execute(sql`
    update sms_deliveries set
      delivered_segments = delivered_segments + 1,
      status = case when status = 'failed' or delivered_segments + 1 < segments then status
        else 'delivered' end,
      delivered_at = case when status <> 'failed' and delivered_segments + 1 >= segments then now()
        else delivered_at end
    where provider_ids @> ${id}`);
}

export async function receiveText(
  db: Database,
  inbound: InboundText,
  send: (to: string, text: string) => Promise<unknown>,
): Promise<void> {
  const from = senderE164(inbound.from);
  const [owner] = from
    ? await db
        .select({ userId: phoneNumbers.userId, locale: users.preferredLanguage })
        .from(phoneNumbers)
        .innerJoin(users, eq(users.id, phoneNumbers.userId))
        .where(eq(phoneNumbers.e164, from))
    : [];
  const fromE164 = from ?? inbound.from.replace(/[^\d+]/g, "").slice(0, 20);
  const keyword = keywordOf(inbound.text);
  const t = translator(owner?.locale ?? "es", "sms");

  if (owner && from && STOP_WORDS.has(keyword)) {
    await db.update(phoneNumbers).set({ optedOutAt: new Date() }).where(eq(phoneNumbers.e164, from));
    await db.insert(smsInbound).values({ fromE164: from, userId: owner.userId, outcome: "stop" });
    log.info("sms: a number opted out");
    await send(from, t("stopped"));
    return;
  }
  if (owner && from && HELP_WORDS.has(keyword)) {
    await db.insert(smsInbound).values({ fromE164: from, userId: owner.userId, outcome: "help" });
    await send(from, t("help", { link: `${publicOrigin()}/inbox` }));
    return;
  }
  const answer = reminderAnswerOf(keyword);
  if (owner && from && answer && (await answerReminder(db, owner, from, answer, send))) return;
  // Control characters are dropped (a web form would refuse them: server/text.ts).
  const text = withoutControls(inbound.text).trim().slice(0, MAX_REPLY);
  const messageId = owner ? await latestMessageOf(db, owner.userId, from!) : null;
  if (!owner || !messageId) {
    if (!(await within(db, UNMATCHED_PER_NUMBER, numberKeyOf(fromE164)))) return;
    await db.insert(smsInbound).values({
      fromE164,
      userId: owner?.userId ?? null,
      outcome: "unmatched",
      body: text,
    });
    log.info("sms: a text matched no thread");
    return;
  }
  // Replies by SMS count against the same limit as replies on the web.
  if (!(await within(db, REPLIES_SENT, owner.userId))) return;
  await db.transaction(async (tx) => {
    const [reply] = await tx
      .insert(messageReplies)
      .values({
        messageId,
        threadUserId: owner.userId,
        authorId: owner.userId,
        body: text || "…",
      })
      .returning({ id: messageReplies.id });
    await tx
      .insert(smsInbound)
      .values({ fromE164: from!, userId: owner.userId, messageId, replyId: reply!.id, outcome: "reply" });
    await signal(tx, { m: messageId, r: reply!.id });
  });
  log.info("sms: a reply joined its thread");
}

/** The latest message texted to this number, else the latest the person received at all. */
async function latestMessageOf(db: Database, userId: string, e164: string): Promise<string | null> {
  const since = sql`now() - ${REPLY_WINDOW}::interval`;
  const [texted] = await db
    .select({ messageId: smsDeliveries.messageId })
    .from(smsDeliveries)
    .where(
      and(eq(smsDeliveries.e164, e164), eq(smsDeliveries.userId, userId), gt(smsDeliveries.createdAt, since)),
    )
    .orderBy(desc(smsDeliveries.createdAt))
    .limit(1);
  if (texted) return texted.messageId;
  const [received] = await db
    .select({ messageId: messageDeliveries.messageId })
    .from(messageDeliveries)
    .where(and(eq(messageDeliveries.userId, userId), gt(messageDeliveries.createdAt, since)))
    .orderBy(desc(messageDeliveries.createdAt))
    .limit(1);
  return received?.messageId ?? null;
}

/** Texts from numbers nobody verified (or with no message to answer), newest first, for admins. */
export async function unmatchedTexts(db: Database, limit = 100) {
  return db
    .select({
      id: smsInbound.id,
      fromE164: smsInbound.fromE164,
      body: smsInbound.body,
      receivedAt: smsInbound.receivedAt,
      known: sql<boolean>`${smsInbound.userId} is not null`,
    })
    .from(smsInbound)
    .where(eq(smsInbound.outcome, "unmatched"))
    .orderBy(desc(smsInbound.receivedAt))
    .limit(limit);
}
