import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { jobs } from "@/db/schema";
import { sendShiftReminder } from "../actions/notifications";
import { createTestDatabase } from "../../test-support/database";
import { defineJob } from "./kinds";
import { enqueue } from "./queue";
import { runDueJobs } from "./worker";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

/** A job row as an older version, a bad migration or a hand in the database might have left it. */
async function storedJob(kind: string, payload: Record<string, unknown>) {
  const [job] = await handle.db
    .insert(jobs)
    .values({ kind, payload: payload as Record<string, string>, runAt: new Date(Date.now() - 1000) })
    .returning({ id: jobs.id });
  return job!.id;
}

const jobRow = async (id: number) =>
  (
    await handle.db
      .select({ doneAt: jobs.doneAt, attempts: jobs.attempts, lastError: jobs.lastError })
      .from(jobs)
      .where(eq(jobs.id, id))
  )[0]!;

describe("typed jobs", () => {
  it("refuse a payload read back that does not fit its kind, without running the handler", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const id = await storedJob("message.email", { deliveryId: "not-an-id", note: "ana@example.org" });
    let logged: string;
    try {
      expect(await runDueJobs(handle.db, 1)).toBe(0);
      logged = errors.mock.calls.map((call) => String(call[0])).join("\n");
    } finally {
      errors.mockRestore();
    }
    // The delivery handler would have run and finished with nothing to send: a silent success.
    const row = await jobRow(id);
    expect(row.doneAt).toBeNull();
    expect(row.attempts).toBe(1);
    // Stored as every failure is (server/log.ts): the error's kind and where, never a value.
    expect(row.lastError).toContain("error=InvalidJob");
    expect(row.lastError).not.toContain("not-an-id");
    expect(logged).toContain(`"job":${id}`);
    expect(logged).toContain('"kind":"message.email"');
    expect(logged).not.toContain("not-an-id");
    expect(logged).not.toContain("example.org");
  });

  it("refuse to enqueue an unknown kind or a payload that does not fit, at compile time and at run time", async () => {
    await expect(
      // @ts-expect-error: no such job kind
      enqueue(handle.db, { kind: "message.fax", payload: { deliveryId: crypto.randomUUID() } }),
    ).rejects.toThrow("unknown job kind message.fax");
    await expect(
      // @ts-expect-error: a delivery email needs the delivery's id
      enqueue(handle.db, { kind: "message.email", payload: { userId: crypto.randomUUID() } }),
    ).rejects.toThrow("invalid payload for job kind message.email");
    await expect(
      enqueue(handle.db, {
        kind: "decision.closed",
        // @ts-expect-error: a decision closes with one of a decision's outcomes
        payload: { decisionId: crypto.randomUUID(), userId: crypto.randomUUID(), outcome: "won" },
      }),
    ).rejects.toThrow("invalid payload for job kind decision.closed");
    // @ts-expect-error: a handler takes the payload of the kind it is defined for
    defineJob("message.email", sendShiftReminder);
    const left = await handle.db.select({ kind: jobs.kind }).from(jobs).where(eq(jobs.kind, "message.fax"));
    expect(left).toEqual([]);
  });

  it("run well-formed jobs through the handlers listed for their kinds, with nothing to register first", async () => {
    await enqueue(handle.db, { kind: "message.email", payload: { deliveryId: crypto.randomUUID() } });
    await enqueue(handle.db, { kind: "retention.sweep", payload: {}, dedupeKey: "retention.sweep:test" });
    // Neither finds anything to do (no such delivery; nothing old): both finish.
    expect(await runDueJobs(handle.db, 1)).toBe(2);
  });
});
