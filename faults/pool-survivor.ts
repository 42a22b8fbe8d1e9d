// A plain Node process (no Next.js, whose own handlers hide uncaught exceptions) that uses the
// app's pool (db/client.ts's openPostgres) the way the app does: many concurrent transactions.
// faults/pool.fault.test.ts restarts PostgreSQL under it. It prints one JSON line of results and
// exits 0; an uncaught exception kills it (exit 1), which is what the test looks for. Every
// transaction must also settle: one still pending at the end means a request that would hang.
import { sql } from "drizzle-orm";
import { openPostgres } from "@/db/client";

const [url, secondsArg] = process.argv.slice(2);
const seconds = Number(secondsArg ?? 10);
const handle = await openPostgres(url!);
const deadline = Date.now() + seconds * 1000;
console.log("ready");
let ok = 0;
let failed = 0;
let pending = 0;
let lastFailureAt = 0;
const clients = Array.from({ length: 20 }, async () => {
  while (Date.now() < deadline) {
    pending++;
    try {
      // Work between the statements, as the app's transactions have: PostgreSQL may close the
      // connection while the transaction waits on us, and the next statement then meets a closed one.
      await handle.db.transaction(async (tx) => {
        await tx.execute(sql`select count(*) from pg_class`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        await tx.execute(sql`select count(*) from pg_class`);
      });
      ok++;
    } catch {
      failed++;
      lastFailureAt = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      pending--;
    }
  }
});
// A transaction that never settles would keep this waiting forever: give up after 30 s more.
const settled = await Promise.race([
  Promise.all(clients).then(() => true),
  new Promise<boolean>((resolve) => setTimeout(() => resolve(false), (seconds + 30) * 1000)),
]);
console.log(JSON.stringify({ ok, failed, pending, settled, lastFailureAt }));
await handle.close().catch(() => {});
process.exit(0);
