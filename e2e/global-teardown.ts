// Removes what playwright.config.ts made for this run: the embedded databases' folder, and the
// databases of lanes after the first (the first is DATABASE_URL's own, its owner's to drop).
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { laneDatabase } from "./lane-database";
import { LANES, laneDatabaseUrl } from "./settings";

export default async function globalTeardown() {
  const dataDir = process.env.PUENTE_E2E_DATA_DIR;
  if (dataDir && path.dirname(dataDir) === tmpdir() && path.basename(dataDir).startsWith("puente-e2e-")) {
    await rm(dataDir, { recursive: true, force: true });
  }
  const databaseUrl = process.env.DATABASE_URL?.trim();
  if (databaseUrl) {
    for (let lane = 1; lane < LANES; lane++) await laneDatabase("drop", laneDatabaseUrl(databaseUrl, lane));
  }
}
