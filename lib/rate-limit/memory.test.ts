import { describe, expect, it } from "vitest";
import { createMemoryRateLimiter } from "./memory";

const rule = (limit: number, windowMs: number) => ({ name: "test", limit, windowMs });

describe("createMemoryRateLimiter", () => {
  it("allows up to the limit within the window, then refuses with a retry time", async () => {
    let now = 1_000;
    const limiter = createMemoryRateLimiter(rule(3, 60_000), () => now);
    const hits = [];
    for (let i = 0; i < 3; i++) hits.push((await limiter.hit("k")).allowed);
    expect(hits).toEqual([true, true, true]);
    expect((await limiter.peek("k")).allowed).toBe(false);
    const refused = await limiter.hit("k");
    expect(refused).toMatchObject({ allowed: false, count: 4, remaining: 0, retryAfterMs: 60_000, newestAgeMs: 0 });
    now += 30_000;
    expect(await limiter.peek("k")).toMatchObject({ retryAfterMs: 30_000, newestAgeMs: 30_000 });
    now += 30_001;
    expect((await limiter.peek("k")).allowed).toBe(true);
  });

  it("names the time when the next event actually fits, counting refused attempts too", async () => {
    let now = 0;
    const limiter = createMemoryRateLimiter(rule(2, 100), () => now);
    await limiter.hit("k");
    now = 50;
    await limiter.hit("k");
    now = 60;
    const refused = await limiter.hit("k");
    expect(refused.retryAfterMs).toBe(90);
    now += refused.retryAfterMs - 1;
    expect((await limiter.peek("k")).allowed).toBe(false);
    now += 1;
    expect((await limiter.peek("k")).allowed).toBe(true);
  });

  it("keeps keys apart and can reset one", async () => {
    const limiter = createMemoryRateLimiter(rule(1, 1_000));
    await limiter.hit("a");
    expect((await limiter.peek("a")).allowed).toBe(false);
    expect(await limiter.peek("b")).toMatchObject({ allowed: true, count: 0, newestAgeMs: null });
    await limiter.reset("a");
    expect((await limiter.peek("a")).allowed).toBe(true);
  });
});
