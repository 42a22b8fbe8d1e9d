// Signing up for shifts. Every change to a shift's places happens with the shift's row locked
// (SELECT … FOR UPDATE), so concurrent signups, cancellations and capacity changes are applied
// one at a time per shift: never more confirmed than capacity, and the waitlist moves in order.
// Joining the line of a full shift holds the lock shared, so a rush queues up side by side (see
// takePlace). Cancelling an action locks its shifts too, so no place is given on an action once it
// is cancelled.
import { and, asc, eq, gt, inArray, ne, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { actions, shifts, signupIntents, signups, users, type SignupStatus } from "@/db/schema";
import { DomainError, notFound } from "../errors";
import { enqueue } from "../jobs/queue";
import type { Actor } from "../actor";
import { shiftAccess, type SignupAccess } from "./access";

const REMINDER_HOURS = 24;
// A waitlisted person's place in line. Written out in full: Drizzle leaves single-table columns
// unqualified, which inside this subquery would name the inner table.
const position = sql<number | null>`case when "signups"."status" = 'waitlisted' then (
  select count(*) from "signups" ahead
  where ahead.shift_id = "signups"."shift_id" and ahead.status = 'waitlisted' and ahead.queue_seq <= "signups"."queue_seq"
)::int end`;

async function lockShift(tx: Database, shiftId: string, strength: "update" | "share" = "update") {
  const [shift] = await tx
    .select({
      capacity: shifts.capacity,
      confirmedCount: shifts.confirmedCount,
      startsAt: shifts.startsAt,
      endsAt: shifts.endsAt,
    })
    .from(shifts)
    .where(eq(shifts.id, shiftId))
    .for(strength);
  if (!shift) throw notFound();
  return shift;
}

/**
 * The status of the shift's action: only a `scheduled` one takes volunteers (a `done` one has
 * ended: ./finishing.ts). Asked with the shift locked, in a statement of its own: cancelAction
 * locks every shift of the action before it changes the status, and at READ COMMITTED a new
 * statement sees a cancellation committed while this one waited for the lock, so the answer holds
 * until the transaction ends.
 */
async function actionStatusOf(tx: Database, shiftId: string) {
  const [row] = await tx
    .select({ status: actions.status })
    .from(shifts)
    .innerJoin(actions, eq(actions.id, shifts.actionId))
    .where(eq(shifts.id, shiftId));
  return row?.status;
}

/** A confirmed volunteer gets a reminder a day before the shift (or at once if it is sooner). */
async function scheduleReminder(tx: Database, signupId: string, startsAt: Date) {
  const runAt = new Date(Math.max(Date.now(), startsAt.getTime() - REMINDER_HOURS * 3_600_000));
  await enqueue(tx, {
    kind: "signup.reminder",
    payload: { signupId },
    runAt,
    dedupeKey: `reminder:${signupId}`,
  });
}

/**
 * Fills up to `places` free places from the head of the waitlist, unless the action is no longer
 * scheduled (nobody is told they have a place on a cancelled action). The shift must be locked.
 */
export async function promoteFromWaitlist(tx: Database, shiftId: string, places: number, startsAt: Date) {
  if (places <= 0 || (await actionStatusOf(tx, shiftId)) !== "scheduled") return [];
  const next = await tx
    .select({ id: signups.id })
    .from(signups)
    .where(and(eq(signups.shiftId, shiftId), eq(signups.status, "waitlisted")))
    .orderBy(asc(signups.queueSeq))
    .limit(places);
  if (next.length === 0) return [];
  const ids = next.map((s) => s.id);
  await tx
    .update(signups)
    .set({ status: "confirmed", promotedAt: sql`now()`, updatedAt: sql`now()` })
    .where(inArray(signups.id, ids));
  await tx
    .update(shifts)
    .set({ confirmedCount: sql`${shifts.confirmedCount} + ${ids.length}` })
    .where(eq(shifts.id, shiftId));
  for (const id of ids) {
    await enqueue(tx, {
      kind: "signup.promoted",
      payload: { signupId: id },
      dedupeKey: `promoted:${id}:${Date.now()}`,
    });
    await scheduleReminder(tx, id, startsAt);
  }
  return ids;
}

async function describeSignup(db: Database, signupId: string) {
  const [row] = await db
    .select({ id: signups.id, shiftId: signups.shiftId, status: signups.status, position })
    .from(signups)
    .where(eq(signups.id, signupId));
  return row!;
}

/**
 * The part of a signup done with the shift locked, kept to the fewest statements, since signups
 * for the shift wait for it (issue 21: a rush on one shift): the lock, the action's status (after
 * the lock: see actionStatusOf), one INSERT, and for a place the count and the reminder. Returns
 * the signup's id, or "full" when `lock` is "share" and a place turned out to be free.
 *
 * A place is taken with the shift locked for update, one signup at a time. A place in line on a
 * full shift only needs the shift to stay full until it commits, so it holds the lock shared:
 * those signups run (and commit) side by side, while whatever changes the places (a place taken,
 * a cancellation and its promotion, a capacity change, cancelling the action) waits for them and
 * then sees them in line, in the order of their numbers.
 */
async function takePlace(
  tx: Database,
  userId: string,
  shiftId: string,
  shareContact: boolean,
  lock: "update" | "share",
): Promise<string | "full"> {
  const shift = await lockShift(tx, shiftId, lock);
  const actionStatus = await actionStatusOf(tx, shiftId);
  if (actionStatus !== "scheduled" && actionStatus !== "done")
    throw new DomainError("CONFLICT", "actionCancelled");
  if (actionStatus === "done" || shift.endsAt.getTime() <= Date.now())
    throw new DomainError("CONFLICT", "shiftOver");

  const confirm = shift.confirmedCount < shift.capacity;
  // A shared lock cannot take a place (two holders raising it to update would deadlock).
  if (confirm && lock === "share") return "full";
  const status = confirm ? "confirmed" : "waitlisted";
  // A first signup (nearly every one in a rush) is this one statement; the unique (shift, person)
  // index sends a returning person to the row they have.
  const [inserted] = await tx
    .insert(signups)
    .values({ shiftId, userId, status, shareContact })
    .onConflictDoNothing({ target: [signups.shiftId, signups.userId] })
    .returning({ id: signups.id });
  let signupId = inserted?.id;
  if (!signupId) {
    const [existing] = await tx
      .select({ id: signups.id, status: signups.status })
      .from(signups)
      .where(and(eq(signups.shiftId, shiftId), eq(signups.userId, userId)));
    if (existing!.status !== "cancelled") return existing!.id;
    await tx
      .update(signups)
      .set({
        status,
        shareContact,
        promotedAt: null,
        queueSeq: sql`nextval('signup_queue_seq')`,
        updatedAt: sql`now()`,
      })
      .where(eq(signups.id, existing!.id));
    signupId = existing!.id;
  }
  if (confirm) {
    await tx
      .update(shifts)
      .set({ confirmedCount: sql`${shifts.confirmedCount} + 1` })
      .where(eq(shifts.id, shiftId));
    await scheduleReminder(tx, signupId, shift.startsAt);
  }
  return signupId;
}

/**
 * Takes a place for `userId`, or one in line when the shift is full, in a transaction of its own
 * (`db` must not be one): a full shift is tried with the lock shared, and with it held for update
 * if a place was freed meanwhile. Signing up again is a no-op that returns the existing signup;
 * after a cancellation one joins again at the end. The action must still be scheduled, checked
 * with the shift locked (not before: see actionStatusOf).
 */
async function placeOnShift(db: Database, userId: string, shiftId: string, shareContact: boolean) {
  const [seen] = await db
    .select({ full: sql<boolean>`${shifts.confirmedCount} >= ${shifts.capacity}` })
    .from(shifts)
    .where(eq(shifts.id, shiftId));
  if (seen?.full) {
    const id = await db.transaction((tx) => takePlace(tx, userId, shiftId, shareContact, "share"));
    if (id !== "full") return id;
  }
  return (await db.transaction((tx) => takePlace(tx, userId, shiftId, shareContact, "update"))) as string;
}

/** Signs `userId` up inside the caller's transaction `tx` (the shift locked for update). */
export async function signUpFor(
  tx: Database,
  userId: string,
  shiftId: string,
  shareContact: boolean,
): Promise<{ id: string; shiftId: string; status: SignupStatus; position: number | null }> {
  return describeSignup(tx, (await takePlace(tx, userId, shiftId, shareContact, "update")) as string);
}

/**
 * Signs the actor up. Someone already on a shift that still takes signups (a second tap, a retry)
 * is answered without waiting for the lock; the place in line is read after the commit, outside it.
 */
export async function signUp(db: Database, actor: Actor, input: { shiftId: string; shareContact: boolean }) {
  await shiftAccess(db, actor, input.shiftId); // a members-only action does not exist for outsiders
  const [already] = await db
    .select({ id: signups.id })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .innerJoin(actions, eq(actions.id, shifts.actionId))
    .where(
      and(
        eq(signups.shiftId, input.shiftId),
        eq(signups.userId, actor.id),
        ne(signups.status, "cancelled"),
        eq(actions.status, "scheduled"),
        gt(shifts.endsAt, sql`now()`),
      ),
    );
  const signupId = already?.id ?? (await placeOnShift(db, actor.id, input.shiftId, input.shareContact));
  return describeSignup(db, signupId);
}

/** Cancels one's own signup; a freed place goes at once to the first person waiting. */
export async function cancelSignup(db: Database, actor: Actor, signupId: string) {
  const [mine] = await db
    .select({ shiftId: signups.shiftId })
    .from(signups)
    .where(and(eq(signups.id, signupId), eq(signups.userId, actor.id)));
  if (!mine) throw notFound();
  return db.transaction(async (tx) => {
    const shift = await lockShift(tx, mine.shiftId);
    const [signup] = await tx
      .select({ status: signups.status })
      .from(signups)
      .where(eq(signups.id, signupId))
      .for("update");
    if (signup!.status !== "confirmed" && signup!.status !== "waitlisted") {
      throw new DomainError("CONFLICT", "signupNotActive");
    }
    await tx
      .update(signups)
      .set({ status: "cancelled", updatedAt: sql`now()` })
      .where(eq(signups.id, signupId));
    if (signup!.status === "confirmed") {
      await tx
        .update(shifts)
        .set({ confirmedCount: sql`${shifts.confirmedCount} - 1` })
        .where(eq(shifts.id, mine.shiftId));
      await promoteFromWaitlist(tx, mine.shiftId, 1, shift.startsAt);
    }
    return { id: signupId, status: "cancelled" as const };
  });
}

/** Check-in is for the day itself: organizers mark who came from 12 hours before the shift. */
export const checkInOpensAt = (shiftStartsAt: Date) => new Date(shiftStartsAt.getTime() - 12 * 3_600_000);

/** Organizers mark who came, once check-in is open (`checkInOpensAt`): the signup as onSignup loaded it. */
export async function checkIn(db: Database, signup: SignupAccess, attended: boolean) {
  if (!["confirmed", "attended", "no_show"].includes(signup.status))
    throw new DomainError("CONFLICT", "signupNotActive");
  if (Date.now() < checkInOpensAt(signup.shiftStartsAt).getTime())
    throw new DomainError("CONFLICT", "checkInNotYet");
  const status = attended ? "attended" : "no_show";
  await db
    .update(signups)
    .set({ status, updatedAt: sql`now()` })
    .where(eq(signups.id, signup.id));
  return { id: signup.id, status };
}

/** The viewer's own signups for the shifts of one action. */
export async function myWaitlistPositions(db: Database, actor: Actor, actionId: string) {
  return db
    .select({
      id: signups.id,
      shiftId: signups.shiftId,
      status: signups.status,
      position,
      promotedAt: signups.promotedAt,
    })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .where(and(eq(shifts.actionId, actionId), eq(signups.userId, actor.id)));
}

/** Everything the person signed up for that is not over, soonest first. */
export async function mySignups(db: Database, actor: Actor) {
  return db
    .select({
      id: signups.id,
      status: signups.status,
      position,
      promotedAt: signups.promotedAt,
      role: shifts.role,
      startsAt: shifts.startsAt,
      endsAt: shifts.endsAt,
      actionId: actions.id,
      title: actions.title,
      placeName: actions.placeName,
      timeZone: actions.timeZone,
      actionStatus: actions.status,
    })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .innerJoin(actions, eq(actions.id, shifts.actionId))
    .where(
      and(
        eq(signups.userId, actor.id),
        inArray(signups.status, ["confirmed", "waitlisted", "attended"]),
        gt(shifts.endsAt, sql`now()`),
      ),
    )
    .orderBy(asc(shifts.startsAt));
}

/** The roster of every shift of an action, for its organizers: contact only where allowed. */
export async function roster(db: Database, actionId: string) {
  const rows = await db
    .select({
      signupId: signups.id,
      shiftId: signups.shiftId,
      status: signups.status,
      position,
      name: users.name,
      shareContact: signups.shareContact,
      email: users.email,
      phone: users.phone,
    })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .innerJoin(users, eq(users.id, signups.userId))
    .where(
      and(
        eq(shifts.actionId, actionId),
        inArray(signups.status, ["confirmed", "waitlisted", "attended", "no_show"]),
      ),
    )
    .orderBy(asc(shifts.startsAt), asc(signups.status), asc(signups.queueSeq));
  return rows.map(({ shareContact, email, phone, ...row }) => ({
    ...row,
    email: shareContact ? email : null,
    phone: shareContact ? phone : null,
  }));
}

/**
 * Someone without an account asks for a place with their name and email. The place is taken when
 * they follow the sign-in link (completeSignupIntents, from the sign-in event), not before.
 */
export async function recordSignupIntent(
  db: Database,
  input: { shiftId: string; name: string; email: string },
) {
  const access = await shiftAccess(db, null, input.shiftId);
  if (access.visibility !== "public") throw notFound();
  // Told at once; checked again, with the shift locked, when the place is taken.
  if (access.status === "cancelled") throw new DomainError("CONFLICT", "actionCancelled");
  await db.insert(signupIntents).values({ ...input, expiresAt: new Date(Date.now() + 86_400_000) });
}

/** Completes the signups a person asked for before they had an account, once their email is proven. */
export async function completeSignupIntents(db: Database, user: { id: string; email: string }) {
  const intents = await db
    .delete(signupIntents)
    .where(eq(signupIntents.email, user.email.toLowerCase()))
    .returning({
      shiftId: signupIntents.shiftId,
      name: signupIntents.name,
      expiresAt: signupIntents.expiresAt,
    });
  const done = [];
  for (const intent of intents.filter((i) => i.expiresAt.getTime() > Date.now())) {
    await db
      .update(users)
      .set({ name: intent.name })
      .where(and(eq(users.id, user.id), sql`${users.name} is null`));
    try {
      done.push(await db.transaction((tx) => signUpFor(tx, user.id, intent.shiftId, false)));
    } catch (error) {
      // The action was cancelled, the shift ended or is gone: nothing to do.
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return done;
}
