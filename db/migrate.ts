// `npm run db:migrate`: brings the configured database (DATABASE_URL, or the embedded one) up to date.
import { getDatabase } from "./client";

const handle = await getDatabase();
console.log(`Migrations applied (${handle.kind}).`);
await handle.close();
