// `npm run signing:rotate`: retires the key that signs Puente's announcements and makes a new one.
// What the old key signed still verifies, marked as made with a retired key.
import { getDatabase } from "@/db/client";
import { rotateKey } from "./keys";
import { fingerprintWords } from "./words";

const handle = await getDatabase();
const id = await rotateKey(handle.db);
console.log(
  `New signing key ${id}: ${fingerprintWords(id, "es").join(" ")} / ${fingerprintWords(id, "en").join(" ")}`,
);
await handle.close();
