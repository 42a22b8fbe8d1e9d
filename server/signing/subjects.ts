// The signed statement shown with what it is about, to whoever may see that: an action's to
// whoever may see the action, an urgent message's to its recipients and organizers, the chosen
// point's to whoever may see the point (its candidates stay with the people deciding).
import type { Database } from "@/db/client";
import type { StatementKind } from "@/db/schema";
import type { Actor } from "../actor";
import { actionAccess } from "../actions/access";
import { notFound } from "../errors";
import { visibleMeetingPoint } from "../meeting-points/visible";
import { messageStanding } from "../messages/access";
import { latestStatement } from "./statements";

export type Subject = "action" | "message" | "meetingPoint";

const kinds: Record<Subject, StatementKind[]> = {
  action: ["action.cancelled", "action.changed"],
  message: ["message.urgent"],
  meetingPoint: ["meeting_point.chosen"],
};

async function maySee(db: Database, actor: Actor | null, subject: Subject, id: string) {
  if (subject === "action") return Boolean(await actionAccess(db, actor, id).catch(() => null));
  if (subject === "message") return actor !== null && (await messageStanding(db, actor, id)) !== null;
  return (await visibleMeetingPoint(db, actor, id)) !== null;
}

/** The latest signed statement about the subject, or null; not found when the reader may not see it. */
export async function statementAbout(db: Database, actor: Actor | null, subject: Subject, id: string) {
  if (!(await maySee(db, actor, subject, id))) throw notFound();
  const signed = await latestStatement(db, id);
  if (!signed || !kinds[subject].includes(signed.kind)) return null;
  return { code: signed.code, text: signed.text, statement: signed.envelope.statement };
}
