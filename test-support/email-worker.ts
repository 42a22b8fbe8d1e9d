// A job worker alone in its own process, for tests that kill it in the middle of its work
// (server/messages/worker-crash.pg.test.ts). Runs every due job once, then exits.
import { openPostgres } from "@/db/client";
import { runDueJobs } from "@/server/jobs/worker";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is required");
const handle = await openPostgres(url);
console.log("working");
await runDueJobs(handle.db);
await handle.close();
