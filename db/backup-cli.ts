// `npm run backup -- FILE` and `npm run restore -- FILE`: the configured database (DATABASE_URL, or
// the embedded one in PUENTE_DATA_DIR). Restoring needs an empty database (or data folder). The
// embedded folder is locked by a running app (db/data-dir.ts): both refuse, naming its process.
import path from "node:path";
import { backup, pgliteBackup, restorePostgres, rowCounts } from "./backup";
import { env, getDatabase, openPglite } from "./client";

const [command, file] = process.argv.slice(2);
if (!file || (command !== "backup" && command !== "restore")) {
  console.error("usage: npm run backup -- FILE   |   npm run restore -- FILE");
  process.exit(2);
}

process.on("uncaughtException", (error) => {
  console.error(error.name === "DataDirError" ? error.message : error);
  process.exit(1);
});

if (command === "backup") {
  const handle = await getDatabase();
  await backup(handle, file);
  const counts = await rowCounts(handle.db);
  console.log(
    `Backed up ${handle.kind} to ${file}: ${Object.values(counts).reduce((a, b) => a + b, 0)} rows.`,
  );
  await handle.close();
} else if (env("DATABASE_URL")) {
  await restorePostgres(env("DATABASE_URL")!, file);
  console.log(`Restored ${file} into the PostgreSQL database.`);
} else {
  const dir = path.resolve(env("PUENTE_DATA_DIR") ?? ".data");
  // Refused unless the folder is empty and no process holds it.
  const handle = await openPglite(dir, await pgliteBackup(file));
  const counts = await rowCounts(handle.db);
  console.log(`Restored ${file} into ${dir}: ${Object.values(counts).reduce((a, b) => a + b, 0)} rows.`);
  await handle.close();
}
