import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../test-support/database";
import { callerFor } from "../../test-support/factories";
import type { DatabaseHandle } from "@/db/client";
import { groups, phoneNumbers, users } from "@/db/schema";
import { seedDemoData } from "./demo";
import { DEMO_PHONES } from "./sms";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

describe("the demo data", () => {
  it("fills an empty database once, and leaves a database with data alone", async () => {
    expect(await seedDemoData(handle.db)).toBe(true);
    const [before] = await handle.db.select({ n: count() }).from(users);
    expect(await seedDemoData(handle.db)).toBe(false);
    const [after] = await handle.db.select({ n: count() }).from(users);
    expect(after!.n).toBe(before!.n);
  });

  it("shows the directory, a vetting queue and a waiting invitation", async () => {
    const directory = await callerFor(handle.db, null).groups.directory({});
    expect(directory.groups.length).toBeGreaterThanOrEqual(5);
    const [admin] = await handle.db.select().from(users).where(eq(users.email, "admin@puente.example.org"));
    expect(await callerFor(handle.db, admin!).groups.vettingQueue()).not.toHaveLength(0);
    const [marisol] = await handle.db
      .select()
      .from(users)
      .where(eq(users.email, "marisol@puente.example.org"));
    expect((await callerFor(handle.db, marisol!).groups.mine()).invitations).toHaveLength(1);
    const { actions } = await callerFor(handle.db, null).actions.list({});
    expect(actions.length).toBeGreaterThanOrEqual(2);
    expect(actions.every((a) => a.places > 0)).toBe(true);
    const unverified = await handle.db.select().from(groups).where(eq(groups.verified, false));
    expect(unverified.every((g) => g.descriptionEs && g.descriptionEn)).toBe(true);
  });

  it("shows published stories in both languages and one waiting for review", async () => {
    const { stories } = await callerFor(handle.db, null).stories.list();
    expect(stories.length).toBeGreaterThanOrEqual(3);
    expect(stories.some((s) => s.textEs && s.textEn && s.translatedInto === "en")).toBe(true);
    const dates = stories.map((s) => s.publishedAt!.getTime());
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    const [admin] = await handle.db.select().from(users).where(eq(users.email, "admin@puente.example.org"));
    expect(await callerFor(handle.db, admin!).stories.queue()).toHaveLength(1);
  });

  it("shows meeting points at the crossings, a closed decision with its rounds and chosen point, an open one, and one awaiting the caravans' ratification", async () => {
    const [admin] = await handle.db.select().from(users).where(eq(users.email, "admin@puente.example.org"));
    const points = await callerFor(handle.db, admin!).meetingPoints.list();
    expect(new Set(points.map((p) => p.crossing)).size).toBe(6);
    // The public sees the published decision in full, and nothing of the open one's options.
    const api = callerFor(handle.db, null);
    expect((await api.meetingPoints.list()).length).toBeLessThan(points.length);
    const chosen = await api.meetingPoints.chosen();
    expect(chosen?.name).toBe("Plaza de la Garita El Chaparral");
    const { decisions } = await api.decisions.list();
    expect(decisions.map((d) => d.phase).sort()).toEqual(["closed", "open", "ratifying"]);
    // Who is asked to ratify is for the people deciding: an admin reads it.
    const ratifying = await callerFor(handle.db, admin!).decisions.get({
      decisionId: decisions.find((d) => d.phase === "ratifying")!.id,
    });
    expect(ratifying.ratification).toMatchObject({ asked: 1, yes: 0, no: 0 });
    const closed = await api.decisions.get({ decisionId: decisions.find((d) => d.phase === "closed")!.id });
    expect(closed.count!.rounds.length).toBeGreaterThan(1);
    expect(closed.winnerId).toBe(chosen!.id);
    const file = await api.decisions.ballots({ decisionId: closed.id });
    expect(file.ballots).toHaveLength(5);
  });

  it("gathers actions and an expected caravan at the chosen point", async () => {
    const api = callerFor(handle.db, null);
    const chosen = await api.meetingPoints.chosen();
    const point = await api.meetingPoints.get({ meetingPointId: chosen!.id });
    // The public one for everyone; the shelter's members-only welcome for its members.
    expect(point.actions.map((a) => a.visibility)).toEqual(["public"]);
    expect(point.arrivals.map((a) => a.name)).toEqual([expect.stringContaining("Éxodos")]);
    const [lupe] = await handle.db.select().from(users).where(eq(users.email, "lupe@puente.example.org"));
    const full = await callerFor(handle.db, lupe!).meetingPoints.get({ meetingPointId: chosen!.id });
    expect(full.arrivals[0]).toMatchObject({ access: "full", headcount: expect.any(Number) });
    const [marisol] = await handle.db
      .select()
      .from(users)
      .where(eq(users.email, "marisol@puente.example.org"));
    const member = await callerFor(handle.db, marisol!).meetingPoints.get({ meetingPointId: chosen!.id });
    expect(member.actions.map((a) => a.visibility).sort()).toEqual(["members", "public"]);
  });

  it("shows an urgent bilingual message with a reply and its answer, and messages already read", async () => {
    const [dan] = await handle.db.select().from(users).where(eq(users.email, "dan@puente.example.org"));
    const [lupe] = await handle.db.select().from(users).where(eq(users.email, "lupe@puente.example.org"));
    const inbox = await callerFor(handle.db, dan!).messages.inbox({});
    const urgent = inbox.messages.find((m) => m.urgent)!;
    expect(urgent.subjectEs && urgent.subjectEn).toBeTruthy();
    const seen = await callerFor(handle.db, lupe!).messages.get({ messageId: urgent.id });
    expect(seen.replies).toHaveLength(2);
    expect(seen.deliveries).toMatchObject({ read: 1, failed: 0, emailQueued: 0 });
    expect(inbox.messages.some((m) => !m.readAt)).toBe(true);
  });

  it("has a delegate texted every message, one with only a phone, and a stranger's text for the admins", async () => {
    const [ana] = await handle.db.select().from(users).where(eq(users.email, "ana@puente.example.org"));
    expect(await callerFor(handle.db, ana!).sms.phone()).toMatchObject({
      verified: { smsMessages: "all", optedOut: false },
    });
    const [chuy] = await handle.db
      .select({ id: users.id, email: users.email })
      .from(users)
      .innerJoin(phoneNumbers, eq(phoneNumbers.userId, users.id))
      .where(eq(phoneNumbers.e164, DEMO_PHONES.chuy));
    expect(chuy!.email).toBeNull();
    const home = await callerFor(handle.db, { id: chuy!.id, isAdmin: false }).home.mine();
    expect(JSON.stringify(home)).toContain("Caravana Esperanza Salvadoreña");
    const [admin] = await handle.db.select().from(users).where(eq(users.email, "admin@puente.example.org"));
    const unmatched = await callerFor(handle.db, admin!).sms.unmatched();
    expect(unmatched.map((t) => t.body)).toEqual([expect.stringContaining("¿Dónde hay albergue?")]);
  });

  it("shows caravans on their way, by region to the public and in full to verified groups, with needs and pledges", async () => {
    const { caravans } = await callerFor(handle.db, null).caravans.list();
    expect(caravans.length).toBeGreaterThanOrEqual(4);
    expect(caravans.every((c) => c.access === "public" && c.region)).toBe(true);
    expect(new Set(caravans.map((c) => c.region)).size).toBeGreaterThanOrEqual(3);
    const [lupe] = await handle.db.select().from(users).where(eq(users.email, "lupe@puente.example.org"));
    const api = callerFor(handle.db, lupe!);
    const exodus = (await api.caravans.list()).caravans.find((c) => c.name.includes("Éxodos"))!;
    const { caravan } = await api.caravans.get({ caravanId: exodus.id });
    if (caravan.access !== "full") throw new Error("expected the full view");
    expect(caravan.timeline.length).toBe(4);
    expect(caravan.timeline[0]!.verification).toBe("unverified");
    expect(caravan.expectedArrivals).toHaveLength(1);
    // Lupe's group registered it: she may change it, and sees who speaks for it.
    expect(caravan.delegates).toEqual([{ userId: expect.any(String), name: "Ana (delegada)" }]);
    const board = await api.needs.board();
    const needs = board.places.flatMap((p) => p.needs);
    expect(needs.some((n) => n.covered)).toBe(true);
    expect(needs.some((n) => !n.covered && n.pledged > 0)).toBe(true);
  });

  it("gives people something on their home and coordinators something on the overview", async () => {
    const person = async (email: string) => {
      const [user] = await handle.db.select().from(users).where(eq(users.email, email));
      return callerFor(handle.db, user!);
    };
    const kevin = await (await person("kevin@puente.example.org")).home.mine();
    expect(kevin.shifts.length).toBeGreaterThan(0);
    expect(kevin.urgent).toHaveLength(1);
    expect(kevin.ballots).toHaveLength(1);
    expect(kevin.pledges.length).toBeGreaterThan(0);
    expect(kevin.requests).toHaveLength(1);
    expect((await (await person("marisol@puente.example.org")).home.mine()).invitations).toHaveLength(1);
    // Ana, a caravan's delegate, finds her caravan there: where it was last, its needs and pledges.
    const [ana] = (await (await person("ana@puente.example.org")).home.mine()).caravans;
    expect(ana?.latest?.placeName).toBe("Querétaro, Querétaro");
    expect(ana?.needs.some((n) => n.pledges.length > 0)).toBe(true);
    expect(ana?.ratifications.length).toBeGreaterThan(0);
    const overview = await (await person("jt@puente.example.org")).coordinate.overview();
    expect(overview.caravans.every((c) => c.access === "full")).toBe(true);
    expect(overview.failed).toEqual([expect.objectContaining({ failed: 1 })]);
    const { actions } = await (await person("kevin@puente.example.org")).coordinate.overview();
    expect(actions.flatMap((a) => a.shifts).some((s) => s.taken * 2 < s.capacity)).toBe(true);
  });

  it("names the decisions' coordinators: Lupe may give the caravans more time, Kevin may not", async () => {
    const person = async (email: string) => {
      const [user] = await handle.db.select().from(users).where(eq(users.email, email));
      return callerFor(handle.db, user!);
    };
    const lupe = await person("lupe@puente.example.org");
    const { decisions } = await lupe.decisions.list();
    const waiting = decisions.find((d) => d.phase === "ratifying")!;
    const asLupe = await lupe.decisions.get({ decisionId: waiting.id });
    expect(asLupe.coordinatorNames).toContain("Lupe M.");
    expect(asLupe.ratification!.canExtend).toBe(true);
    const asKevin = await (
      await person("kevin@puente.example.org")
    ).decisions.get({ decisionId: waiting.id });
    expect(asKevin.ratification!.canExtend).toBe(false);
  });
});
