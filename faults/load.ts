// Steady traffic for the fault tests: a number of clients, each sending one request after another
// until a deadline, spread over "workloads" (kinds of traffic). Every answer is kept with its time,
// so a test can say when errors happened; each workload keeps what was acknowledged to it and
// checks afterwards that the database holds exactly that.
import { sql } from "drizzle-orm";
import { expect } from "vitest";
import type { Database } from "@/db/client";
import { EMAIL_JOB } from "@/server/messages/messages";
import { mutate, sleep, type Answer, type Person } from "./fixtures";

export interface Timed extends Answer {
  workload: string;
  client: number;
  /** When the request was sent and answered (ms since epoch). */
  sentAt: number;
  at: number;
}

export interface Workload {
  name: string;
  /** One request by client `client` to `origin`; called again after each answer. */
  step(client: number, origin: string): Promise<Answer>;
  /** Checks the database against everything this workload was told was done. */
  verify(db: Database): Promise<void>;
  /** A line for the report, e.g. "812 signups acknowledged, 812 stored". */
  summary(): string;
}

/** Runs `clients` clients until `until()` says stop; client c talks to `originOf(c)`. */
export async function runLoad(options: {
  clients: number;
  workloads: Workload[];
  originOf: (client: number) => string;
  until: () => boolean;
  /** Pause between a client's requests (ms); after an error it waits `retryPauseMs` instead. */
  pauseMs?: number;
  retryPauseMs?: number;
}): Promise<Timed[]> {
  const answers: Timed[] = [];
  await Promise.all(
    Array.from({ length: options.clients }, async (_, client) => {
      for (let i = 0; !options.until(); i++) {
        const workload = options.workloads[(client + i) % options.workloads.length]!;
        const sentAt = Date.now();
        const answer = await workload.step(client, options.originOf(client));
        answers.push({ ...answer, workload: workload.name, client, sentAt, at: Date.now() });
        await sleep(answer.status === 200 ? (options.pauseMs ?? 20) : (options.retryPauseMs ?? 200));
      }
    }),
  );
  return answers.sort((a, b) => a.at - b.at);
}

interface SignupAck {
  id: string;
  shiftId: string;
  userId: string;
  status: string;
}

/**
 * Signups: client c is person c; each walks through the shifts in order and signs up for each.
 * After an error it asks again for the same shift, as a person pressing the button again would:
 * a signup whose answer was lost must not be stored twice.
 */
export function signupWorkload(people: Person[], shiftIds: string[]): Workload & { acks: SignupAck[] } {
  const nextShift = people.map(() => 0);
  const acks: SignupAck[] = [];
  return {
    name: "signups",
    acks,
    async step(client, origin) {
      const person = people[client % people.length]!;
      const index = nextShift[client]! % shiftIds.length;
      const shiftId = shiftIds[index]!;
      const answer = await mutate(
        origin,
        "actions.signUp",
        { shiftId },
        person,
        `10.1.${client >> 8}.${client & 255}`,
      );
      if (answer.status === 200) {
        const data = answer.data as { id: string; status: string };
        acks.push({ id: data.id, shiftId, userId: person.id, status: data.status });
        nextShift[client] = index + 1;
      }
      return answer;
    },
    async verify(db) {
      await checkSignupInvariants(db);
      // Every acknowledged signup is stored, for that person and shift, with the status given.
      const rows = (await db.execute(sql`select id, shift_id, user_id, status from signups`)) as unknown as {
        id: string;
        shift_id: string;
        user_id: string;
        status: string;
      }[];
      const byId = new Map(rows.map((r) => [r.id, r]));
      const missing = acks.filter((a) => {
        const row = byId.get(a.id);
        return !row || row.shift_id !== a.shiftId || row.user_id !== a.userId || row.status !== a.status;
      });
      expect(missing, "acknowledged signups missing or changed").toEqual([]);
    },
    summary() {
      return `${acks.length} signups acknowledged (${new Set(acks.map((a) => a.id)).size} distinct)`;
    },
  };
}

interface MessageAck {
  id: string;
  subject: string;
  recipients: number;
}

/**
 * Messages: client c sends as sender c (a coordinator of `groupId`) to the group's `recipients`
 * members, every third one urgent. An error is followed by a new message, as a coordinator who
 * saw an error would send again; each subject is unique, so a message stored twice would show.
 */
export function messageWorkload(
  senders: Person[],
  groupId: string,
  recipients: number,
): Workload & { acks: MessageAck[] } {
  const acks: MessageAck[] = [];
  let sent = 0;
  return {
    name: "messages",
    acks,
    async step(client, origin) {
      const n = sent++;
      const subject = `Notice ${client}-${n}`;
      const answer = await mutate(
        origin,
        "messages.send",
        {
          audience: [{ kind: "group", groupId, roles: ["member"] }],
          subjectEs: `Aviso ${client}-${n}`,
          bodyEs: "La garita de El Chaparral cerró. Esperen en el albergue hasta nuevo aviso.",
          subjectEn: subject,
          bodyEn: "El Chaparral crossing is closed. Wait at the shelter until further notice.",
          urgent: n % 3 === 0,
        },
        senders[client % senders.length]!,
        `10.2.${client >> 8}.${client & 255}`,
      );
      if (answer.status === 200) {
        const data = answer.data as { id: string; recipients: number };
        acks.push({ id: data.id, subject, recipients: data.recipients });
      }
      return answer;
    },
    async verify(db) {
      // Every message stored is whole: a delivery per recipient and one email job per emailed
      // delivery (all written in one transaction), and no subject stored twice.
      const stored = (await db.execute(sql`
        select m.id, m.subject_en,
          count(d.id)::int as deliveries,
          count(d.id) filter (where d.by_email)::int as emailed,
          count(j.id)::int as jobs
        from messages m
        left join message_deliveries d on d.message_id = m.id
        left join jobs j on j.dedupe_key = ${`${EMAIL_JOB}:`} || d.id::text
        group by m.id`)) as unknown as {
        id: string;
        subject_en: string;
        deliveries: number;
        emailed: number;
        jobs: number;
      }[];
      expect(
        stored.filter((m) => m.deliveries !== recipients || m.jobs !== m.emailed),
        "messages without all their deliveries and email jobs",
      ).toEqual([]);
      const subjects = stored.map((m) => m.subject_en);
      expect(subjects.length - new Set(subjects).size, "messages stored twice").toBe(0);
      // Every acknowledged message is stored, to everyone it was said to reach.
      const byId = new Map(stored.map((m) => [m.id, m]));
      expect(
        acks.filter((a) => byId.get(a.id)?.subject_en !== a.subject || a.recipients !== recipients),
        "acknowledged messages missing or changed",
      ).toEqual([]);
    },
    summary() {
      return `${acks.length} messages acknowledged`;
    },
  };
}

/**
 * What must hold for signups whatever happened: one row per person and shift, never more confirmed
 * than capacity, the shift's counter equal to its confirmed rows, nobody waiting while a place is
 * free, and exactly one reminder job per confirmed signup (written in the same transaction).
 */
export async function checkSignupInvariants(db: Database): Promise<void> {
  const rows = async (query: ReturnType<typeof sql>) => (await db.execute(query)) as unknown as unknown[];
  expect(
    await rows(sql`select shift_id, user_id from signups group by 1, 2 having count(*) > 1`),
    "people signed up twice for one shift",
  ).toEqual([]);
  expect(
    await rows(sql`
      select s.id, s.capacity, s.confirmed_count,
        count(*) filter (where g.status = 'confirmed')::int as confirmed,
        count(*) filter (where g.status = 'waitlisted')::int as waiting
      from shifts s left join signups g on g.shift_id = s.id
      group by s.id
      having count(*) filter (where g.status = 'confirmed') > s.capacity
        or count(*) filter (where g.status = 'confirmed') <> s.confirmed_count
        or (count(*) filter (where g.status = 'waitlisted') > 0
            and count(*) filter (where g.status = 'confirmed') < s.capacity)`),
    "shifts over capacity, with a wrong counter, or with people waiting for a free place",
  ).toEqual([]);
  expect(
    await rows(sql`
      select g.id from signups g
      where g.status = 'confirmed'
        and (select count(*) from jobs j where j.dedupe_key = 'reminder:' || g.id) <> 1`),
    "confirmed signups without exactly one reminder job",
  ).toEqual([]);
}

/** Answers that are neither a success nor the rate limit. */
export const failures = <T extends Answer>(answers: T[]) =>
  answers.filter((a) => a.status !== 200 && a.status !== 429);
