// A person's rights over their data (EFF: keep only what is needed): download everything Puente
// holds about them, and delete their account without breaking anyone else's plans.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  actions,
  auditEvents,
  caravanDelegates,
  caravanReports,
  caravans,
  calendarFeeds,
  groups,
  invitations,
  memberships,
  sessions,
  shifts,
  signupIntents,
  signups,
  users,
  messageDeliveries,
  messageReplies,
  messages,
  phoneNumbers,
  smsDeliveries,
  smsReminders,
} from "@/db/schema";
import { promoteFromWaitlist } from "../actions/signups";
import { recordAudit } from "../audit/audit";
import { DomainError, notFound } from "../errors";
import type { Actor } from "../actor";

/** Everything about the actor, as one JSON document. Other people appear only as group names. */
export async function exportMyData(db: Database, actor: Actor) {
  const [profile] = await db
    .select({
      name: users.name,
      email: users.email,
      preferredLanguage: users.preferredLanguage,
      languagesSpoken: users.languagesSpoken,
      skills: users.skills,
      phone: users.phone,
      isAdmin: users.isAdmin,
      emailMessages: users.emailMessages,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, actor.id));
  if (!profile) throw notFound();
  const [smsNumber, textsReceived, remindersTexted] = await Promise.all([
    db
      .select({
        number: phoneNumbers.e164,
        smsMessages: phoneNumbers.smsMessages,
        verifiedAt: phoneNumbers.verifiedAt,
        optedOutAt: phoneNumbers.optedOutAt,
      })
      .from(phoneNumbers)
      .where(eq(phoneNumbers.userId, actor.id)),
    db
      .select({
        number: smsDeliveries.e164,
        status: smsDeliveries.status,
        segments: smsDeliveries.segments,
        sentAt: smsDeliveries.sentAt,
      })
      .from(smsDeliveries)
      .where(eq(smsDeliveries.userId, actor.id)),
    db
      .select({
        signupId: smsReminders.signupId,
        number: smsReminders.e164,
        status: smsReminders.status,
        sentAt: smsReminders.sentAt,
        answer: smsReminders.answer,
        answeredAt: smsReminders.answeredAt,
      })
      .from(smsReminders)
      .where(eq(smsReminders.userId, actor.id)),
  ]);
  const [messagesReceived, repliesWritten] = await Promise.all([
    db
      .select({
        subjectEs: messages.subjectEs,
        subjectEn: messages.subjectEn,
        receivedAt: messageDeliveries.createdAt,
        status: messageDeliveries.status,
        readAt: messageDeliveries.readAt,
      })
      .from(messageDeliveries)
      .innerJoin(messages, eq(messages.id, messageDeliveries.messageId))
      .where(eq(messageDeliveries.userId, actor.id)),
    db
      .select({ body: messageReplies.body, at: messageReplies.createdAt })
      .from(messageReplies)
      .where(eq(messageReplies.authorId, actor.id)),
  ]);
  const [groupRows, signupRows, invitationRows, feed, sessionRows, auditRows] = await Promise.all([
    db
      .select({
        group: groups.name,
        role: memberships.role,
        status: memberships.status,
        since: memberships.createdAt,
      })
      .from(memberships)
      .innerJoin(groups, eq(groups.id, memberships.groupId))
      .where(eq(memberships.userId, actor.id)),
    db
      .select({
        action: actions.title,
        shift: shifts.role,
        startsAt: shifts.startsAt,
        endsAt: shifts.endsAt,
        status: signups.status,
        shareContact: signups.shareContact,
        signedUpAt: signups.createdAt,
      })
      .from(signups)
      .innerJoin(shifts, eq(shifts.id, signups.shiftId))
      .innerJoin(actions, eq(actions.id, shifts.actionId))
      .where(eq(signups.userId, actor.id)),
    db
      .select({ group: groups.name, role: invitations.role, expiresAt: invitations.expiresAt })
      .from(invitations)
      .innerJoin(groups, eq(groups.id, invitations.groupId))
      .where(eq(invitations.email, profile.email ?? "")),
    db
      .select({ createdAt: calendarFeeds.createdAt })
      .from(calendarFeeds)
      .where(eq(calendarFeeds.userId, actor.id)),
    db.select({ expires: sessions.expires }).from(sessions).where(eq(sessions.userId, actor.id)),
    db
      .select({ at: auditEvents.at, action: auditEvents.action, subjectType: auditEvents.subjectType })
      .from(auditEvents)
      .where(eq(auditEvents.actorId, actor.id)),
  ]);
  const [delegateRows, reportRows] = await Promise.all([
    db
      .select({ caravan: caravans.name, since: caravanDelegates.createdAt })
      .from(caravanDelegates)
      .innerJoin(caravans, eq(caravans.id, caravanDelegates.caravanId))
      .where(eq(caravanDelegates.userId, actor.id)),
    db
      .select({
        caravan: caravans.name,
        placeName: caravanReports.placeName,
        headcount: caravanReports.headcount,
        verification: caravanReports.verification,
        reportedAt: caravanReports.reportedAt,
      })
      .from(caravanReports)
      .innerJoin(caravans, eq(caravans.id, caravanReports.caravanId))
      .where(eq(caravanReports.reportedBy, actor.id)),
  ]);
  await recordAudit(db, {
    actorId: actor.id,
    action: "account.export",
    subjectType: "user",
    subjectId: actor.id,
  });
  return {
    exportedAt: new Date(),
    profile,
    groups: groupRows,
    signups: signupRows,
    invitationsWaiting: invitationRows,
    calendarFeed: feed[0] ?? null,
    activeSessions: sessionRows.length,
    myActionsInTheAuditLog: auditRows,
    messagesReceived,
    repliesWritten,
    /** The verified number for SMS (users.phone, in the profile, is the contact shared on rosters). */
    smsNumber: smsNumber[0] ?? null,
    textsReceived,
    /** Shift reminders texted, and what the person answered (SI: confirmed, NO: cancelled). */
    remindersTexted,
    delegateOfCaravans: delegateRows,
    caravanReportsIMade: reportRows,
  };
}

/**
 * Deletes the account. Places the person held go to the next people waiting; their memberships,
 * signups, sessions and invitations go with them; what others made stays, and the audit log keeps
 * its events without naming them. The last coordinator of a group must hand over first.
 */
export async function deleteMyAccount(db: Database, actor: Actor) {
  const soleCoordinatorOf = await db
    .select({ name: groups.name })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .where(
      and(
        eq(memberships.userId, actor.id),
        eq(memberships.status, "active"),
        eq(memberships.role, "coordinator"),
        sql`(select count(*) from ${memberships} m2 where m2.group_id = ${memberships.groupId} and m2.status = 'active' and m2.role = 'coordinator') = 1`,
      ),
    );
  if (soleCoordinatorOf.length > 0) {
    throw new DomainError("CONFLICT", "lastCoordinatorOf", {
      groups: soleCoordinatorOf.map((g) => g.name).join(", "),
    });
  }
  return db.transaction(async (tx) => {
    const held = await tx
      .select({ id: signups.id, shiftId: signups.shiftId })
      .from(signups)
      .where(and(eq(signups.userId, actor.id), inArray(signups.status, ["confirmed"])))
      // Shifts are locked in id order, as cancelAction locks them: never a deadlock between the two.
      .orderBy(asc(signups.shiftId));
    for (const { id, shiftId } of held) {
      const [shift] = await tx
        .select({ startsAt: shifts.startsAt, endsAt: shifts.endsAt })
        .from(shifts)
        .where(eq(shifts.id, shiftId))
        .for("update");
      await tx.delete(signups).where(eq(signups.id, id));
      await tx
        .update(shifts)
        .set({ confirmedCount: sql`${shifts.confirmedCount} - 1` })
        .where(eq(shifts.id, shiftId));
      if (shift!.endsAt.getTime() > Date.now()) await promoteFromWaitlist(tx, shiftId, 1, shift!.startsAt);
    }
    const [me] = await tx.select({ email: users.email }).from(users).where(eq(users.id, actor.id));
    if (me?.email) {
      await tx.delete(invitations).where(eq(invitations.email, me.email));
      await tx.delete(signupIntents).where(eq(signupIntents.email, me.email));
    }
    // Memberships, signups, sessions, accounts and the calendar feed go with the user row.
    await tx.delete(users).where(eq(users.id, actor.id));
    await recordAudit(tx, {
      actorId: null,
      action: "account.delete",
      subjectType: "user",
      subjectId: actor.id,
    });
    return { deleted: true };
  });
}
