// Runs after `npm install` (package.json "postinstall"): fixes a defect of the `postgres` driver
// 3.4.9 (the newest release) that PostgreSQL restarts trigger, until a release fixes it upstream
// (porsager/postgres#1208, #1154; fix proposed in #1209).
//
// The defect: a connection that PostgreSQL closes (a restart, a terminated backend) sets its socket
// to null. A transaction still holding that connection then sends its ROLLBACK; the write is
// deferred with setImmediate and runs against the null socket, throwing "Cannot read properties of
// null (reading 'write')" as an uncaught exception (fatal in plain Node; Next.js logs it). Worse,
// the unsent bytes stay buffered and the connection's write timer stays set, so the connection
// never sends anything again: every later query on it waits for connect_timeout and fails. Seen
// by faults/restart.fault.test.ts as 401s and 500s long after PostgreSQL was back.
//
// The patch: a write with no socket rejects the query with CONNECTION_CLOSED (a normal, catchable
// error) and drops the bytes; a closed connection forgets what it had not yet written, so a new
// socket starts clean. Files are replaced (written anew and renamed), never edited in place, so a
// node_modules made of hard links to another checkout's files is not changed under it.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

const MARKER = "puente: patched by db/patch-postgres.mjs";
const root = path.join(import.meta.dirname, "..", "node_modules", "postgres");
const files = ["src/connection.js", "cjs/src/connection.js", "cf/src/connection.js"];

const guardWrite = [
  "  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)\n",
  `  function nextWrite(fn) {
    if (!socket) { // ${MARKER}: the connection closed before this write (porsager/postgres#1208)
      nextWriteTimer !== null && clearImmediate(nextWriteTimer)
      chunk = nextWriteTimer = null
      error(Errors.connection('CONNECTION_CLOSED', options))
      return false
    }
    const x = socket.write(chunk, fn)
`,
];
const forgetOnClose = [
  "    incomings = null\n    clearImmediate(nextWriteTimer)\n    socket.removeListener('data', data)\n",
  `    incomings = null
    clearImmediate(nextWriteTimer)
    chunk = nextWriteTimer = null // ${MARKER}: unsent bytes belong to the closed socket
    socket.removeListener('data', data)
`,
];

if (!existsSync(root)) process.exit(0); // not installed (yet): nothing to patch
const { version } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
for (const file of files) {
  const full = path.join(root, file);
  if (!existsSync(full)) continue;
  const source = readFileSync(full, "utf8");
  if (source.includes(MARKER)) continue;
  if (!source.includes(guardWrite[0]) || !source.includes(forgetOnClose[0])) {
    // A newer release changed these lines (perhaps fixing the defect): check it, then update or drop this patch.
    console.warn(`db/patch-postgres.mjs: postgres ${version} ${file} no longer matches; not patched`);
    continue;
  }
  const patched = source.replace(guardWrite[0], guardWrite[1]).replace(forgetOnClose[0], forgetOnClose[1]);
  writeFileSync(`${full}.puente-tmp`, patched);
  renameSync(`${full}.puente-tmp`, full);
}
