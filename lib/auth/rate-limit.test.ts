import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limit";

describe("createRateLimiter", () => {
  it("allows up to the limit within the window, then refuses with a retry time", () => {
    let now = 1_000;
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000, now: () => now });
    expect([1, 2, 3].map(() => limiter.hit("k").allowed)).toEqual([true, true, true]);
    expect(limiter.peek("k").allowed).toBe(false);
    const refused = limiter.hit("k");
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBe(60_000);
    now += 30_000;
    expect(limiter.peek("k").retryAfterMs).toBe(30_000);
    now += 30_001;
    expect(limiter.peek("k").allowed).toBe(true);
  });

  it("names the time when the next event actually fits, counting refused attempts too", () => {
    let now = 0;
    const limiter = createRateLimiter({ limit: 2, windowMs: 100, now: () => now });
    limiter.hit("k");
    now = 50;
    limiter.hit("k");
    now = 60;
    const refused = limiter.hit("k");
    expect(refused.retryAfterMs).toBe(90);
    now += refused.retryAfterMs - 1;
    expect(limiter.peek("k").allowed).toBe(false);
    now += 1;
    expect(limiter.peek("k").allowed).toBe(true);
  });

  it("keeps keys apart and can reset one", () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 1_000 });
    limiter.hit("a");
    expect(limiter.peek("a").allowed).toBe(false);
    expect(limiter.peek("b").allowed).toBe(true);
    limiter.reset("a");
    expect(limiter.peek("a").allowed).toBe(true);
  });
});
