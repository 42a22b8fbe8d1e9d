// Removes the embedded database folder playwright.config.ts made for this run.
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export default async function globalTeardown() {
  const dataDir = process.env.PUENTE_E2E_DATA_DIR;
  if (dataDir && path.dirname(dataDir) === tmpdir() && path.basename(dataDir).startsWith("puente-e2e-")) {
    await rm(dataDir, { recursive: true, force: true });
  }
}
