// The per-address and per-person limits count in PostgreSQL; the limiter that counts them is made
// once per database and limit, not on every call (issue 21: it was rebuilt for every signup).
import { describe, expect, it, vi } from "vitest";
import { setUpDatabase } from "../test-support/setup";

const built = vi.hoisted(() => ({ count: 0 }));
vi.mock("rate-limiter-flexible", async (importOriginal) => {
  const original = await importOriginal<typeof import("rate-limiter-flexible")>();
  class CountedRateLimiterDrizzle extends original.RateLimiterDrizzle {
    constructor(...args: ConstructorParameters<typeof original.RateLimiterDrizzle>) {
      super(...args);
      built.count++;
    }
  }
  return { ...original, RateLimiterDrizzle: CountedRateLimiterDrizzle };
});

const { count, limiterFor, STORY_SUBMISSIONS, SIGNUPS_PER_ADDRESS } = await import("./rate-limits");
const handle = setUpDatabase();

describe("rate limiters", () => {
  it("builds one limiter per database and limit, however many calls count against it", async () => {
    const before = built.count;
    for (let i = 0; i < 7; i++) await count(handle.db, STORY_SUBMISSIONS, `address-${i % 2}`);
    await count(handle.db, SIGNUPS_PER_ADDRESS, "address-0");
    await count(handle.db, SIGNUPS_PER_ADDRESS, "address-1");
    expect(built.count - before).toBe(2);
    expect(limiterFor(handle.db, STORY_SUBMISSIONS)).toBe(limiterFor(handle.db, STORY_SUBMISSIONS));
    expect(limiterFor(handle.db, STORY_SUBMISSIONS)).not.toBe(limiterFor(handle.db, SIGNUPS_PER_ADDRESS));
  });

  it("counts as before with the reused limiter: five stories an hour, the sixth is one over", async () => {
    const key = "address-shared";
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push(await count(handle.db, STORY_SUBMISSIONS, key));
    expect(answers.map((a) => a.overBy)).toEqual([0, 0, 0, 0, 0, 1, 2]);
    expect(answers.at(-1)!.secondsToWait).toBeGreaterThan(3500);
    // Another key has its own count.
    expect((await count(handle.db, STORY_SUBMISSIONS, "address-other")).overBy).toBe(0);
  });

  it("obeys a changed PUENTE_RATE_LIMIT_SCALE with a limiter of the new size", async () => {
    vi.stubEnv("PUENTE_RATE_LIMIT_SCALE", "2");
    try {
      expect(limiterFor(handle.db, STORY_SUBMISSIONS).points).toBe(10);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(limiterFor(handle.db, STORY_SUBMISSIONS).points).toBe(5);
  });
});
