// Closing a decision at its closing time, from the job queue (nobody clicks): options a caravan's
// objection still blocks are set aside, the count is stored round by round, and the winner is put
// to the caravans that took part (server/decisions/ratification.ts), or `held` while a group's
// objection to it is open, or `chosen` when no caravan took part. The coordinators and organizers
// of every verified group are told by email in their own language. Safe to run twice.
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { decisions, meetingPoints, users } from "@/db/schema";
import { recordAudit } from "../audit/audit";
import { sendEmail } from "../email/email";
import { quoted } from "../email/typed-text";
import { translator } from "../i18n/messages";
import { defineJob, type JobKind, type JobPayload } from "../jobs/kinds";
import type { JobRequest } from "../jobs/queue";
import { publicOrigin } from "../origin";
import { isParticipant, isPublished } from "./candidates";
import { settleCount } from "./ratification";
import { CLOSED_NOTICE_JOB, openCaravanObjections, tellEveryoneConcerned } from "./steps";

export const CLOSE_JOB = "decision.close" satisfies JobKind;

export const closeJob = (decisionId: string, closesAt: Date): JobRequest => ({
  kind: CLOSE_JOB,
  payload: { decisionId },
  runAt: closesAt,
  dedupeKey: `${CLOSE_JOB}:${decisionId}`,
});

/**
 * Counts and closes the decision if it is due. Returns "closed" when this call closed it,
 * "done" when it was closed already, "not_due" before its closing time.
 */
export async function closeDecision(
  db: Database,
  decisionId: string,
): Promise<"closed" | "done" | "not_due"> {
  return db.transaction(async (tx) => {
    // The lock waits for ballots being cast (they hold a share lock), so the count sees them all.
    const [decision] = await tx
      .select({
        id: decisions.id,
        status: decisions.status,
        method: decisions.method,
        quorum: decisions.quorum,
        ratifyHours: decisions.ratifyHours,
        due: sql<boolean>`${decisions.closesAt} <= now()`,
      })
      .from(decisions)
      .where(eq(decisions.id, decisionId))
      .for("update");
    if (!decision || decision.status !== "open") return "done";
    if (!decision.due) return "not_due";
    // A caravan's veto is the caravan's: an option its objection still blocks leaves the count.
    const setAside = (await openCaravanObjections(tx, decisionId)).map((option) => ({
      option,
      reason: "caravanObjection" as const,
    }));
    const status = await settleCount(tx, { ...decision, setAside });
    const [stored] = await tx
      .select({ winnerId: decisions.winnerId, count: decisions.count })
      .from(decisions)
      .where(eq(decisions.id, decisionId));
    await recordAudit(tx, {
      actorId: null,
      action: "decision.close",
      subjectType: "decision",
      subjectId: decisionId,
      detail: { status, ballots: stored?.count?.ballots ?? 0, winner: stored?.winnerId ?? null },
    });
    await tellEveryoneConcerned(tx, decisionId, status);
    return "closed";
  });
}

/** One meeting point is chosen at a time: the latest decision's. */
async function runCloseJob(db: Database, payload: JobPayload<typeof CLOSE_JOB>) {
  // Early (a clock ahead of the database's): fail, and the queue retries after a backoff.
  if ((await closeDecision(db, payload.decisionId)) === "not_due") throw new Error("decision not due yet");
}

export async function sendClosedNotice(db: Database, payload: JobPayload<typeof CLOSED_NOTICE_JOB>) {
  const [row] = await db
    .select({
      question: decisions.question,
      status: decisions.status,
      winner: meetingPoints.name,
      email: users.email,
      locale: users.preferredLanguage,
      isAdmin: users.isAdmin,
      publication: decisions.publication,
      publishesAt: decisions.publishesAt,
    })
    .from(decisions)
    .innerJoin(users, eq(users.id, payload.userId))
    .leftJoin(meetingPoints, eq(meetingPoints.id, decisions.winnerId))
    .where(eq(decisions.id, payload.decisionId));
  if (!row || row.status === "open") return;
  // A "held" or "ratifying" notice that runs after that step ended has nothing true left to say.
  if ((payload.outcome === "held" || payload.outcome === "ratifying") && row.status !== payload.outcome)
    return;
  // It names the chosen point: only to someone still deciding when it leaves, until it is public.
  if (!isPublished(row) && !(await isParticipant(db, { id: payload.userId, isAdmin: row.isAdmin }))) return;
  const t = translator(row.locale, "email");
  const link = `${publicOrigin()}/decisions/${payload.decisionId}`;
  // The question and the place's name were typed by people: quoted and unlinked (typed-text.ts).
  const question = quoted(row.question);
  const winner = row.winner === null ? "" : quoted(row.winner);
  await sendEmail({
    to: row.email,
    subject: t("decisionClosed.subject"),
    text:
      row.status === "held"
        ? t("decisionClosed.held", { question, winner, link })
        : row.status === "ratifying"
          ? t("decisionClosed.ratifying", { question, winner, link })
          : row.winner
            ? t("decisionClosed.chosen", { question, winner, link })
            : row.status === "no_quorum"
              ? t("decisionClosed.noQuorum", { question, link })
              : t("decisionClosed.none", { question, link }),
  });
}

export const decisionCloseJob = defineJob(CLOSE_JOB, runCloseJob);
export const closedNoticeJob = defineJob(CLOSED_NOTICE_JOB, sendClosedNotice);
