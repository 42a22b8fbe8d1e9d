// What a failed database write leaves in the server's output: the procedure (or job kind), the
// SQLSTATE code, the table and constraint, never the statement's parameters or any user text.
// The write fails for real: the test database refuses the secret with a CHECK constraint, whose
// error (like a unique violation's) carries the whole row in its detail.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { TRPCError } from "@trpc/server";
import { like, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { jobs, stories } from "@/db/schema";
import { apiHandler } from "./front/api";
import { runDueJobs } from "./jobs/worker";
import { failureFields } from "./log";
import { createTestDatabase } from "../test-support/database";
import { addMember, callerFor, makeGroup, makeMessage, makeUser } from "../test-support/factories";
import { captureOutput, type CapturedOutput } from "../test-support/output";

/** What an attacker hopes to read back from the logs: a place and a story's words. */
const SECRET = "Bodega Norte calle 7 de la colonia Libertad";

let handle: DatabaseHandle;
let output: CapturedOutput | undefined;
beforeAll(async () => {
  handle = await createTestDatabase();
  await handle.db.execute(
    sql.raw(
      `alter table stories add constraint stories_probe check (coalesce(text_es, '') not like '%Bodega Norte%')`,
    ),
  );
});
afterEach(() => output?.restore());
afterAll(() => handle.close());

const story = {
  pseudonym: "Doña Luz",
  country: "HN" as const,
  textEs: `Nos escondimos en ${SECRET}.`,
  consent: true,
};

/** The log lines written as JSON, parsed. */
const logLines = (text: string) =>
  text
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe("a failed write's trace in the logs", () => {
  it("names the procedure, the code, the table and the constraint, and nothing the caller wrote", async () => {
    output = captureOutput();
    const error = await callerFor(handle.db, null)
      .stories.submit(story)
      .catch((e: unknown) => e);
    output.restore();
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("INTERNAL_SERVER_ERROR");
    const text = output.text();
    expect(text).not.toContain("Bodega");
    expect(text).not.toContain("Doña Luz");
    expect(logLines(text)).toContainEqual(
      expect.objectContaining({
        message: "procedure failed",
        path: "stories.submit",
        code: "23514",
        table: "stories",
        constraint: "stories_probe",
      }),
    );
    // Whoever gets the error next (Next.js prints what a page or a form throws) gets no more.
    const thrown = error as TRPCError;
    expect(`${thrown.message} ${thrown.stack} ${String(thrown.cause)}`).not.toContain("Bodega");
    expect(await handle.db.select().from(stories).where(like(stories.textEs, "%Bodega%"))).toEqual([]);
  });

  it("leaves no trace over HTTP either, in the answer or in the output", async () => {
    const api = apiHandler(
      (_req, res) => void res.writeHead(404).end(),
      async () => handle.db,
    );
    const server = createServer((req, res) => void api(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      output = captureOutput();
      const response = await fetch(
        `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/trpc/stories.submit`,
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ json: story }),
        },
      );
      const body = await response.text();
      output.restore();
      expect(response.status).toBe(500);
      expect(body).not.toContain("Bodega");
      expect(output.text()).not.toContain("Bodega");
      expect(logLines(output.text())).toContainEqual(
        expect.objectContaining({ code: "23514", table: "stories" }),
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("from a job: the kind and the code in the log and in the queue, not the error's text", async () => {
    // The database refuses the job's write with an error whose text carries the secret, as a
    // constraint's detail carries the row it refused.
    await handle.db.execute(
      sql.raw(`
        create function refuse_delivery() returns trigger language plpgsql as $$
        begin
          raise exception using message = 'refused: ${SECRET}', errcode = '23514', table = 'message_deliveries';
        end $$`),
    );
    await handle.db.execute(
      sql.raw(`create trigger refuse_delivery before update on message_deliveries
        for each row execute function refuse_delivery()`),
    );
    const group = await makeGroup(handle.db);
    const [sender, reader] = [await makeUser(handle.db), await makeUser(handle.db, { emailMessages: true })];
    await addMember(handle.db, group.id, sender.id, "coordinator");
    await addMember(handle.db, group.id, reader.id, "member");
    await makeMessage(handle.db, sender, [{ kind: "group", groupId: group.id, roles: ["member"] }], {
      urgent: true,
    });
    output = captureOutput();
    await runDueJobs(handle.db);
    output.restore();
    await handle.db.execute(sql.raw(`drop trigger refuse_delivery on message_deliveries`));
    expect(output.text()).not.toContain("Bodega");
    expect(logLines(output.text())).toContainEqual(
      expect.objectContaining({
        message: "job failed",
        kind: "message.email",
        code: "23514",
        table: "message_deliveries",
      }),
    );
    const [job] = await handle.db
      .select({ lastError: jobs.lastError })
      .from(jobs)
      .where(sql`${jobs.kind} = 'message.email'`);
    expect(job!.lastError).toContain("23514");
    expect(job!.lastError).not.toContain("Bodega");
  });

  it("keeps only identifiers and codes from an error, whatever it holds", async () => {
    const error = await handle.db
      .insert(stories)
      .values({
        pseudonym: "x",
        country: "HN",
        textEs: SECRET,
        consentedAt: new Date(),
        consentVersion: "v",
        consentLocale: "es",
        withdrawTokenHash: "y",
      })
      .catch((e: unknown) => e);
    const fields = failureFields(error);
    expect(fields).toMatchObject({ code: "23514", table: "stories", constraint: "stories_probe" });
    expect(JSON.stringify(fields)).not.toContain("Bodega");
    // A message of any error may hold user text: it is never kept.
    expect(JSON.stringify(failureFields(new Error(`no such place: ${SECRET}`)))).not.toContain("Bodega");
  });
});
