// Runs once when an app server starts: brings the database schema up to date, and gives a
// newcomer's new embedded database the demo data. A PostgreSQL database is never seeded here.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDatabase } = await import("./db/client");
  const { seedDemoData } = await import("./server/demo/demo");
  const { startWorker } = await import("./server/jobs/worker");
  const handle = await getDatabase().catch((error: unknown) => {
    // A data folder held by another process, or one that is not a database: serving without it
    // would only answer errors, and a supervisor should see the refusal, not a running server.
    if (error instanceof Error && error.name === "DataDirError") {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  });
  // Only into a folder this start made from nothing: any other may hold someone's data.
  if (handle.created && process.env.PUENTE_SEED !== "0" && (await seedDemoData(handle.db))) {
    console.log(
      "Embedded database was empty: demo data added. The README lists the demo accounts to sign in with.",
    );
  }
  // With SMS_URL, the SMPP bind opens now: people's texts and receipts arrive on it (server/sms).
  const { startSms } = await import("./server/sms/sms");
  startSms(handle.db);
  if (process.env.PUENTE_WORKER !== "0") {
    const { scheduleRetentionSweep } = await import("./server/retention/retention");
    await scheduleRetentionSweep(handle.db);
    const { scheduleActionFinishing } = await import("./server/actions/finishing");
    await scheduleActionFinishing(handle.db);
    startWorker(handle.db);
  }
}
