// Demo messages: an urgent bilingual one from a coordinator with a reply and her answer, a
// non-urgent one in English whose email to one member bounced, and one in Spanish already read.
// Sent through the domain functions, so they look exactly like real ones; their emails are not
// queued (nobody behind these addresses).
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { jobs, messageDeliveries } from "@/db/schema";
import { markRead, sendMessage } from "../messages/messages";
import { reply } from "../messages/threads";

export async function seedDemoMessages(
  tx: Database,
  groupIds: Map<string, string>,
  userIds: Map<string, string>,
) {
  const as = (key: string) => ({ id: userIds.get(key)!, isAdmin: false });
  const group = (slug: string, roles: ("coordinator" | "organizer" | "member")[]) => ({
    kind: "group" as const,
    groupId: groupIds.get(slug)!,
    roles,
  });

  const urgent = await sendMessage(tx, as("lupe"), {
    audience: [group("frontera-legal-san-diego", ["organizer", "member"])],
    urgent: true,
    subjectEs: "Garita de San Ysidro cerrada: no vengan hoy",
    bodyEs:
      "CBP cerró el cruce peatonal de San Ysidro desde las 6:00.\nLas citas de asilo de hoy se reprograman.\n\nNos reunimos mañana a las 8:00 en El Chaparral. Avisos: https://fronteralegal.example.org/avisos",
    subjectEn: "San Ysidro crossing closed: do not come today",
    bodyEn:
      "CBP closed the San Ysidro pedestrian crossing at 6:00.\nToday's asylum appointments are being rescheduled.\n\nWe meet tomorrow at 8:00 at El Chaparral. Updates: https://fronteralegal.example.org/avisos",
  });
  await markRead(tx, as("dan"), urgent.id);
  const dansThread = { messageId: urgent.id, threadUserId: userIds.get("dan")! };
  await reply(tx, as("dan"), dansThread, "Entendido. Puedo llevar a dos familias mañana en la camioneta.");
  await reply(tx, as("lupe"), dansThread, "¡Gracias, Dan! Te esperamos a las 7:45 en la entrada norte.");

  const waterDrop = await sendMessage(tx, as("jt"), {
    audience: [group("tucson-samaritans", ["member"])],
    urgent: false,
    subjectEs: "",
    bodyEs: "",
    subjectEn: "Water drop on Saturday",
    bodyEn: "We are restocking the water stations west of Arivaca on Saturday. Bring gloves and a hat.",
  });

  const blankets = await sendMessage(tx, as("rosa"), {
    audience: [group("albergue-casa-del-migrante-tijuana", ["organizer"])],
    urgent: false,
    subjectEs: "Necesitamos cobijas esta semana",
    bodyEs: "Llegaron 40 personas más. Hacen falta cobijas y ropa de niño, tallas 4 a 8.",
    subjectEn: "",
    bodyEn: "",
  });
  await markRead(tx, as("marisol"), blankets.id);

  // Demo people have no real mailbox: their emails count as sent and are never queued.
  await tx.delete(jobs).where(eq(jobs.kind, "message.email"));
  await tx
    .update(messageDeliveries)
    .set({ status: "sent", sentAt: sql`now()` })
    .where(eq(messageDeliveries.status, "queued"));
  // One email bounced, so the coordinators' overview has a failed delivery to show and retry.
  await tx
    .update(messageDeliveries)
    .set({ status: "failed", sentAt: null, lastError: "550 5.1.1 mailbox unavailable" })
    .where(
      and(eq(messageDeliveries.messageId, waterDrop.id), eq(messageDeliveries.userId, userIds.get("dan")!)),
    );
}
