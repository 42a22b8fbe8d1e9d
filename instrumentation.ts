// Runs once when an app server starts: brings the database schema up to date, and gives a
// newcomer's empty embedded database the demo data. A PostgreSQL database is never seeded here.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDatabase } = await import("./db/client");
  const { seedDemoData } = await import("./db/seed/demo");
  const { startWorker } = await import("./server/jobs/worker");
  const handle = await getDatabase();
  if (handle.kind === "pglite" && process.env.PUENTE_SEED !== "0" && (await seedDemoData(handle.db))) {
    console.log(
      "Embedded database was empty: demo data added. The README lists the demo accounts to sign in with.",
    );
  }
  if (process.env.PUENTE_WORKER !== "0") {
    const { scheduleRetentionSweep } = await import("./server/retention/retention");
    await scheduleRetentionSweep(handle.db);
    startWorker(handle.db);
  }
}
