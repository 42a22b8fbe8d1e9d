// Demo text messages: Ana, the Caravana Madre's delegate, has a verified number and takes every
// message by SMS; Don Chuy speaks for the Caravana Esperanza Salvadoreña with only a phone (no
// email: he signs in with a texted code); and a text from a number nobody verified waits for the
// admins on /admin/sms. The numbers are made up: with no SMS_URL (the demo's case) a text to them
// is only printed on the server's output.
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { caravanDelegates, caravans, phoneNumbers, smsInbound, users } from "@/db/schema";

export const DEMO_PHONES = {
  ana: "+529621234567",
  chuy: "+50498765432",
  stranger: "+50255512345",
};

export async function seedDemoSms(tx: Database) {
  const [ana] = await tx
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, "ana@puente.example.org"));
  await tx.insert(phoneNumbers).values({ userId: ana!.id, e164: DEMO_PHONES.ana, smsMessages: "all" });

  const [chuy] = await tx
    .insert(users)
    .values({
      name: "Don Chuy (delegado)",
      email: null,
      preferredLanguage: "es",
      languagesSpoken: ["es"],
      skills: ["driving"],
    })
    .returning({ id: users.id });
  await tx.insert(phoneNumbers).values({ userId: chuy!.id, e164: DEMO_PHONES.chuy, smsMessages: "all" });
  const [caravan] = await tx
    .select({ id: caravans.id })
    .from(caravans)
    .where(eq(caravans.name, "Caravana Esperanza Salvadoreña"));
  await tx.insert(caravanDelegates).values({ caravanId: caravan!.id, userId: chuy!.id });

  await tx.insert(smsInbound).values({
    fromE164: DEMO_PHONES.stranger,
    outcome: "unmatched",
    body: "Hola, somos 40 personas en Juchitán con niños. ¿Dónde hay albergue? / We are 40 people with children.",
  });
}
