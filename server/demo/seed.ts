// `npm run seed`: fills the configured database (DATABASE_URL, or the embedded one) with demo data.
import { getDatabase } from "@/db/client";
import { seedDemoData } from "./demo";

const handle = await getDatabase();
const seeded = await seedDemoData(handle.db);
console.log(seeded ? `Demo data added (${handle.kind}).` : "The database already has data: nothing added.");
await handle.close();
