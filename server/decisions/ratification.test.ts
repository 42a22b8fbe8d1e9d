// The caravans ratify a decision's winner, and a caravan's safety objection is the caravan's: tried
// as a delegate, as a delegate of another caravan, and as a US group's coordinator would.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { decisions, jobs, meetingPoints } from "@/db/schema";
import { createTestDatabase } from "../../test-support/database";
import { setUpMailbox } from "../../test-support/setup";
import {
  callerFor,
  makeCaravan,
  makeDecision,
  makeMeetingPoint,
  makeUser,
  nameDecisionCoordinator,
  personInGroup,
  refusal,
} from "../../test-support/factories";
import { runDueJobs } from "../jobs/worker";
import { writeBallotFile } from "./ballot-file";
import { closeDecision } from "./closing";
import { settleRatification } from "./ratification";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());
const mailbox = setUpMailbox();

const REASON = "Hay un retén de migración a 200 m y un grupo armado vigila la plaza de noche.";

async function threeOptions() {
  const { group } = await personInGroup(handle.db, "organizer");
  const suffix = Math.random().toString(36).slice(2, 8);
  const a = await makeMeetingPoint(handle.db, group.id, { name: `Plaza A ${suffix}` });
  const b = await makeMeetingPoint(handle.db, group.id, { name: `Parque B ${suffix}` });
  const c = await makeMeetingPoint(handle.db, group.id, { name: `Iglesia C ${suffix}` });
  const decision = await makeDecision(handle.db, [a.id, b.id, c.id]);
  return { a, b, c, decision };
}

async function delegateOf(name?: string) {
  const person = await makeUser(handle.db);
  const caravan = await makeCaravan(handle.db, { delegateIds: [person.id], name });
  return { person, caravan, api: callerFor(handle.db, person) };
}

async function close(decisionId: string) {
  await handle.db
    .update(decisions)
    .set({ closesAt: sql`now() - interval '1 second'` })
    .where(eq(decisions.id, decisionId));
  expect(await closeDecision(handle.db, decisionId)).toBe("closed");
}

const pointStatus = async (id: string) =>
  (
    await handle.db.select({ s: meetingPoints.status }).from(meetingPoints).where(eq(meetingPoints.id, id))
  )[0]!.s;

describe("ratification by the caravans", () => {
  it("a winner the caravans took part in choosing waits for them; their yes chooses it", async () => {
    const { a, b, decision } = await threeOptions();
    const voter = await personInGroup(handle.db, "coordinator");
    const norte = await delegateOf();
    await voter.api.decisions.vote({
      decisionId: decision.id,
      groupId: voter.group.id,
      choices: [a.id, b.id],
    });
    await norte.api.decisions.vote({ decisionId: decision.id, caravanId: norte.caravan.id, choices: [a.id] });
    await close(decision.id);

    const waiting = await norte.api.decisions.get({ decisionId: decision.id });
    expect(waiting).toMatchObject({ phase: "ratifying", winnerId: a.id, caravansTookPart: true });
    expect(waiting.ratification).toMatchObject({ meetingPointId: a.id, asked: 1, yes: 0, no: 0 });
    expect(waiting.ratification!.mine).toEqual([
      expect.objectContaining({ caravanId: norte.caravan.id, answer: null }),
    ]);
    expect(await pointStatus(a.id)).not.toBe("chosen");
    // The US coordinator cannot answer for the caravan, nor can a delegate of another caravan.
    expect(
      (
        await refusal(
          voter.api.decisions.ratify({ decisionId: decision.id, caravanId: norte.caravan.id, answer: true }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    const stranger = await delegateOf();
    expect(
      (
        await refusal(
          stranger.api.decisions.ratify({
            decisionId: decision.id,
            caravanId: norte.caravan.id,
            answer: true,
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect(
      (
        await refusal(
          stranger.api.decisions.ratify({
            decisionId: decision.id,
            caravanId: stranger.caravan.id,
            answer: false,
          }),
        )
      ).code,
    ).toBe("FORBIDDEN"); // it took no part in this decision

    await norte.api.decisions.ratify({ decisionId: decision.id, caravanId: norte.caravan.id, answer: true });
    // Read by someone deciding: the result is public only once its coordinators publish it.
    const done = await norte.api.decisions.get({ decisionId: decision.id });
    expect(done).toMatchObject({ phase: "closed", winnerId: a.id });
    expect(await pointStatus(a.id)).toBe("chosen");
  });

  it("refused: the option is set aside, the count runs again, and the next winner goes to the caravans", async () => {
    const { a, b, c, decision } = await threeOptions();
    const [norte, sur] = [await delegateOf(), await delegateOf()];
    const voter = await personInGroup(handle.db, "organizer");
    await voter.api.decisions.vote({
      decisionId: decision.id,
      groupId: voter.group.id,
      choices: [a.id, b.id],
    });
    await norte.api.decisions.vote({
      decisionId: decision.id,
      caravanId: norte.caravan.id,
      choices: [a.id, c.id],
    });
    await sur.api.decisions.vote({ decisionId: decision.id, caravanId: sur.caravan.id, choices: [b.id] });
    await close(decision.id);
    expect((await norte.api.decisions.get({ decisionId: decision.id })).winnerId).toBe(a.id);

    await norte.api.decisions.ratify({ decisionId: decision.id, caravanId: norte.caravan.id, answer: false });
    // Answers can change until every caravan answered.
    await norte.api.decisions.ratify({ decisionId: decision.id, caravanId: norte.caravan.id, answer: true });
    await norte.api.decisions.ratify({ decisionId: decision.id, caravanId: norte.caravan.id, answer: false });
    await sur.api.decisions.ratify({ decisionId: decision.id, caravanId: sur.caravan.id, answer: false });

    const next = await sur.api.decisions.get({ decisionId: decision.id });
    expect(next).toMatchObject({ phase: "ratifying", winnerId: b.id });
    expect(next.ratification).toMatchObject({ meetingPointId: b.id, asked: 2, yes: 0, no: 0 });
    expect(next.count!.rounds[0]).toMatchObject({ eliminated: [a.id], reason: "refusedByCaravans" });
    expect(next.count!.setAside).toEqual([{ option: a.id, reason: "refusedByCaravans" }]);

    await norte.api.decisions.ratify({ decisionId: decision.id, caravanId: norte.caravan.id, answer: true });
    await sur.api.decisions.ratify({ decisionId: decision.id, caravanId: sur.caravan.id, answer: false });
    // One yes, one no: not a majority of the caravans that answered.
    const third = await sur.api.decisions.get({ decisionId: decision.id });
    expect(third.count!.setAside!.map((s) => s.option)).toEqual([a.id, b.id]);
    expect(third).toMatchObject({ phase: "ratifying", winnerId: c.id });
    await norte.api.decisions.ratify({ decisionId: decision.id, caravanId: norte.caravan.id, answer: true });
    await sur.api.decisions.ratify({ decisionId: decision.id, caravanId: sur.caravan.id, answer: true });
    expect(await pointStatus(c.id)).toBe("chosen");

    // `npm run tally` reproduces it from the downloaded file alone: it records the set-aside options.
    const file = await norte.api.decisions.ballots({ decisionId: decision.id });
    expect(file.setAside).toEqual([
      { option: a.name, reason: "refusedByCaravans" },
      { option: b.name, reason: "refusedByCaravans" },
    ]);
    const dir = mkdtempSync(join(tmpdir(), "tally-"));
    const path = join(dir, "ballots.csv");
    writeFileSync(path, writeBallotFile(file.options, file.ballots, file.setAside));
    const { stdout } = await promisify(execFile)("npx", ["tsx", "server/decisions/tally.ts", path], {
      cwd: process.cwd(),
    });
    expect(stdout).toContain("set aside by the caravans");
    expect(stdout.trim().split("\n").at(-1)).toBe(`winner: ${c.name}`);
  }, 60_000);

  it("no answer: the decision waits for the caravans; coordinators extend the window or remind, nobody chooses", async () => {
    const { a, decision } = await threeOptions();
    const norte = await delegateOf();
    await norte.api.decisions.vote({ decisionId: decision.id, caravanId: norte.caravan.id, choices: [a.id] });
    await close(decision.id);
    const [row] = await handle.db
      .select({ ratifyBy: decisions.ratifyBy })
      .from(decisions)
      .where(eq(decisions.id, decision.id));
    const hours = (row!.ratifyBy!.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(47.9);
    expect(hours).toBeLessThan(48.1);
    const asked = await handle.db
      .select({ payload: jobs.payload })
      .from(jobs)
      .where(and(eq(jobs.kind, "decision.ratifyAsk"), sql`${jobs.payload}->>'userId' = ${norte.person.id}`));
    expect(asked).toHaveLength(1);

    await handle.db
      .update(decisions)
      .set({ ratifyBy: sql`now() - interval '1 second'` })
      .where(eq(decisions.id, decision.id));
    await settleRatification(handle.db, decision.id);
    expect((await norte.api.decisions.get({ decisionId: decision.id })).phase).toBe("ratifying");
    expect(await pointStatus(a.id)).not.toBe("chosen");

    const coordinator = await personInGroup(handle.db, "coordinator");
    await nameDecisionCoordinator(handle.db, decision.id, coordinator.person.id);
    const organizer = await personInGroup(handle.db, "organizer");
    expect(
      (await refusal(organizer.api.decisions.extendRatification({ decisionId: decision.id, hours: 24 })))
        .code,
    ).toBe("FORBIDDEN");
    expect((await refusal(norte.api.decisions.remindCaravans({ decisionId: decision.id }))).code).toBe(
      "FORBIDDEN",
    );
    await coordinator.api.decisions.extendRatification({ decisionId: decision.id, hours: 24 });
    const extended = await norte.api.decisions.get({ decisionId: decision.id });
    expect(extended.ratification!.ratifyBy.getTime()).toBeGreaterThan(Date.now() + 23.9 * 3_600_000);
    await coordinator.api.decisions.remindCaravans({ decisionId: decision.id });
    const reminded = await handle.db
      .select({ payload: jobs.payload })
      .from(jobs)
      .where(and(eq(jobs.kind, "decision.ratifyAsk"), sql`${jobs.payload}->>'userId' = ${norte.person.id}`));
    expect(reminded).toHaveLength(2);

    // The home of the delegate and of a coordinator shows it waiting.
    const home = await norte.api.home.mine();
    expect(home.ratifications).toEqual([
      expect.objectContaining({ decisionId: decision.id, caravanId: norte.caravan.id, answer: null }),
    ]);
    expect((await coordinator.api.home.mine()).ratifications).toEqual(
      expect.arrayContaining([expect.objectContaining({ decisionId: decision.id })]),
    );

    // A late answer settles it: the majority of the caravans that answered.
    await norte.api.decisions.ratify({ decisionId: decision.id, caravanId: norte.caravan.id, answer: true });
    expect(await pointStatus(a.id)).toBe("chosen");
  });

  it("emails the caravan's delegates in their own language, naming the winner and the deadline", async () => {
    const { a, decision } = await threeOptions();
    const person = await makeUser(handle.db, { preferredLanguage: "en" });
    const caravan = await makeCaravan(handle.db, { delegateIds: [person.id] });
    await callerFor(handle.db, person).decisions.vote({
      decisionId: decision.id,
      caravanId: caravan.id,
      choices: [a.id],
    });
    await close(decision.id);
    await runDueJobs(handle.db);
    const email = await mailbox.waitFor(person.email);
    expect(email.text).toContain("Your caravan decides");
    expect(email.text).toContain(a.name);
    expect(email.text).toContain(`/decisions/${decision.id}`);
  });

  it("a decision no caravan takes part in needs no ratification, and says so", async () => {
    const { a, decision } = await threeOptions();
    const voter = await personInGroup(handle.db, "organizer");
    await voter.api.decisions.vote({ decisionId: decision.id, groupId: voter.group.id, choices: [a.id] });
    await close(decision.id);
    const seen = await voter.api.decisions.get({ decisionId: decision.id });
    expect(seen).toMatchObject({
      phase: "closed",
      winnerId: a.id,
      caravansTookPart: false,
      ratification: null,
    });
    expect(await pointStatus(a.id)).toBe("chosen");
  });
});

describe("a caravan's safety objection", () => {
  it("is withdrawn only by a delegate of that caravan; a group's coordinator cannot resolve it", async () => {
    const { a, decision } = await threeOptions();
    const norte = await delegateOf();
    const objection = await norte.api.decisions.raiseObjection({
      decisionId: decision.id,
      caravanId: norte.caravan.id,
      meetingPointId: a.id,
      reason: REASON,
    });
    // Even a coordinator the decision named cannot lift a caravan's objection.
    const coordinator = await personInGroup(handle.db, "coordinator");
    await nameDecisionCoordinator(handle.db, decision.id, coordinator.person.id);
    const resolution = "Acordamos reunirnos de día, con observadores legales y una salida por la calle 3.";
    const refused = await refusal(
      coordinator.api.decisions.resolveObjection({ objectionId: objection.id, resolution }),
    );
    expect(refused).toMatchObject({ code: "FORBIDDEN" });
    expect(refused.message).toMatch(/caravana/);
    const other = await delegateOf();
    expect(
      (
        await refusal(
          other.api.decisions.withdrawObjection({
            objectionId: objection.id,
            caravanId: other.caravan.id,
            resolution,
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect(
      (
        await refusal(
          other.api.decisions.withdrawObjection({
            objectionId: objection.id,
            caravanId: norte.caravan.id,
            resolution,
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");

    // Delegates read every objection's reason (another caravan's too), never who raised it.
    const seen = await other.api.decisions.get({ decisionId: decision.id });
    expect(seen.objections).toEqual([expect.objectContaining({ reason: REASON, resolution: null })]);
    expect(JSON.stringify(seen)).not.toContain(norte.person.id);

    await norte.api.decisions.withdrawObjection({
      objectionId: objection.id,
      caravanId: norte.caravan.id,
      resolution,
    });
    const after = await other.api.decisions.get({ decisionId: decision.id });
    expect(after.objections).toEqual([expect.objectContaining({ reason: REASON, resolution })]);
  });

  it("still open at closing sets the option aside and the count falls to the next option (a round), not held", async () => {
    const { a, b, decision } = await threeOptions();
    const [first, second] = [
      await personInGroup(handle.db, "organizer"),
      await personInGroup(handle.db, "organizer"),
    ];
    await first.api.decisions.vote({
      decisionId: decision.id,
      groupId: first.group.id,
      choices: [a.id, b.id],
    });
    await second.api.decisions.vote({ decisionId: decision.id, groupId: second.group.id, choices: [a.id] });
    const norte = await delegateOf();
    await norte.api.decisions.raiseObjection({
      decisionId: decision.id,
      caravanId: norte.caravan.id,
      meetingPointId: a.id,
      reason: REASON,
    });
    await close(decision.id);
    const seen = await norte.api.decisions.get({ decisionId: decision.id });
    expect(seen.phase).not.toBe("held");
    expect(seen.winnerId).toBe(b.id);
    expect(seen.count!.rounds[0]).toMatchObject({ eliminated: [a.id], reason: "caravanObjection" });
    // The caravan took part (it objected): it is asked to ratify the new winner.
    expect(seen.phase).toBe("ratifying");
    await norte.api.decisions.ratify({ decisionId: decision.id, caravanId: norte.caravan.id, answer: true });
    expect(await pointStatus(b.id)).toBe("chosen");
  });
});
