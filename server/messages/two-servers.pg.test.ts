// Live delivery across app servers: two API servers, each its own Node process, on one PostgreSQL.
// A message sent through the first reaches a subscriber of the second, over server-sent events,
// within two seconds. (Two processes of the tRPC handler rather than two `next start`s: the same
// router, context and live feed, without a production build in a unit test run.)
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createTestDatabase } from "../../test-support/database";
import { addMember, makeGroup, makeUser } from "../../test-support/factories";

let handle: DatabaseHandle;
const servers: ChildProcess[] = [];

/** Starts one API server process and answers its address once it listens. */
function startServer(databaseUrl: string): Promise<string> {
  // Node itself with tsx's loader (not `npx tsx`, whose wrapper would outlive a kill).
  const child = spawn(process.execPath, ["--import", "tsx", "test-support/api-server.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "pipe", "inherit"],
  });
  servers.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      const port = /listening (\d+)/.exec(chunk.toString())?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    });
    child.on("exit", (code) => reject(new Error(`API server exited with ${code}`)));
  });
}

beforeAll(async () => {
  handle = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  for (const child of servers) child.kill("SIGTERM");
  await handle.close();
});

describe.runIf(process.env.DATABASE_URL)("two app servers on one PostgreSQL", () => {
  it("delivers a message sent through one server live to a reader on the other", async () => {
    const [first, second] = await Promise.all([startServer(handle.url!), startServer(handle.url!)]);
    const group = await makeGroup(handle.db);
    const coordinator = await makeUser(handle.db);
    const reader = await makeUser(handle.db);
    await addMember(handle.db, group.id, coordinator.id, "coordinator");
    await addMember(handle.db, group.id, reader.id, "member");

    // The reader listens on the second server.
    const abort = new AbortController();
    const stream = await fetch(`${second}/messages.live`, {
      headers: { "x-test-actor": reader.id, accept: "text/event-stream" },
      signal: abort.signal,
    });
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    let received = "";
    const reading = (async () => {
      const decoder = new TextDecoder();
      const reader = stream.body!.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          received += decoder.decode(value, { stream: true });
        }
      } catch {
        // aborted at the end of the test
      }
    })();
    await expect.poll(() => received, { timeout: 5_000 }).toContain('"hello"');

    // The coordinator sends through the first server.
    const sentAt = Date.now();
    const response = await fetch(`${first}/messages.send`, {
      method: "POST",
      headers: { "x-test-actor": coordinator.id, "content-type": "application/json" },
      body: JSON.stringify({
        json: {
          audience: [{ kind: "group", groupId: group.id, roles: ["member"] }],
          subjectEs: "Cierre de la garita",
          bodyEs: "No vengan hoy.",
          urgent: true,
        },
      }),
    });
    expect(response.status).toBe(200);
    const messageId = ((await response.json()) as { result: { data: { json: { id: string } } } }).result.data
      .json.id;

    await expect.poll(() => received, { timeout: 2_000, interval: 20 }).toContain(messageId);
    // Within two seconds of the send's answer, even on a busy two-core machine (usually ~50 ms).
    expect(Date.now() - sentAt).toBeLessThan(2_000);
    // The event carries ids and a count, never the message's text.
    expect(received).not.toContain("No vengan hoy");
    expect(received).toMatch(/"type":"message".*"unread":1/);
    abort.abort();
    await reading;
  }, 60_000);
});
