// Makes lane N's database afresh (e2e/settings.ts): `tsx e2e/lane-database.ts create|drop URL`.
// Run by playwright.config.ts before the lane's app is seeded, and by the global teardown.
import { pathToFileURL } from "node:url";
import postgres from "postgres";

export async function laneDatabase(command: "create" | "drop", laneUrl: string): Promise<void> {
  const url = new URL(laneUrl);
  const name = url.pathname.slice(1);
  // Only a lane's own database is ever dropped.
  if (!/^[a-z0-9_]+_lane[1-9][0-9]*$/.test(name)) throw new Error(`not a lane's database: ${name}`);
  url.pathname = "/postgres";
  const admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    if (command === "create") await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [command, laneUrl] = process.argv.slice(2);
  if (!laneUrl || (command !== "create" && command !== "drop")) {
    throw new Error("usage: tsx e2e/lane-database.ts create|drop postgres://…/NAME_laneN");
  }
  await laneDatabase(command, laneUrl);
}
