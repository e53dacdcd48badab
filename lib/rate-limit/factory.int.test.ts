import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { isAppError } from "../errors/app-error";
import { logger } from "../observability/logger";
import { enforceLimit } from "./enforce";
import { createRateLimiterFactory, type RateLimiterFactory } from "./factory";

const redisUrl = process.env.REDIS_URL;
if (!redisUrl && process.env.CI === "true") throw new Error("CI=true but REDIS_URL is not set: the Redis limiter suite would be skipped");
const log = logger.child({ component: "rate-limit-test" });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("memory backend", () => {
  it("counts per process: two factories do not share", async () => {
    const [a, b] = [createRateLimiterFactory({ log }), createRateLimiterFactory({ log })];
    expect(a.backend).toBe("memory");
    const rule = { name: "memory", limit: 1, windowMs: 60_000 };
    expect((await a.create(rule).hit("k")).allowed).toBe(true);
    expect((await b.create(rule).hit("k")).allowed).toBe(true);
  });
});

describe.skipIf(!redisUrl)("redis backend (skipped when REDIS_URL is not set)", () => {
  const factories: RateLimiterFactory[] = [];
  // A fresh prefix per run, so earlier runs' counts never leak in.
  const open = () => {
    const factory = createRateLimiterFactory({ redisUrl, prefix: `eca:rl-test:${randomUUID()}`, log });
    factories.push(factory);
    return factory;
  };
  afterAll(async () => {
    await Promise.all(factories.map((f) => f.close()));
  });

  it("shares counts between two instances, atomically under concurrency", async () => {
    const prefix = `eca:rl-test:${randomUUID()}`;
    const one = createRateLimiterFactory({ redisUrl, prefix, log });
    const two = createRateLimiterFactory({ redisUrl, prefix, log });
    factories.push(one, two);
    expect(one.backend).toBe("redis");
    const rule = { name: "shared", limit: 10, windowMs: 60_000 };
    const [a, b] = [one.create(rule), two.create(rule)];
    const decisions = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).hit("user-1")));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
    expect(Math.max(...decisions.map((d) => d.count))).toBe(30);
    const refused = await b.peek("user-1");
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect((await a.peek("user-2")).allowed).toBe(true);
    await a.reset("user-1");
    expect(await b.peek("user-1")).toMatchObject({ allowed: true, count: 0, newestAgeMs: null });
  });

  it("lets events leave the window", async () => {
    const limiter = open().create({ name: "expiry", limit: 2, windowMs: 300 });
    await limiter.hit("k");
    await limiter.hit("k");
    expect((await limiter.peek("k")).allowed).toBe(false);
    await sleep(400);
    expect(await limiter.peek("k")).toMatchObject({ allowed: true, count: 0 });
  });

  it("keeps rules apart by name", async () => {
    const factory = open();
    const strict = factory.create({ name: "strict", limit: 1, windowMs: 60_000 });
    const loose = factory.create({ name: "loose", limit: 5, windowMs: 60_000 });
    await strict.hit("k");
    expect((await strict.peek("k")).allowed).toBe(false);
    expect((await loose.peek("k")).allowed).toBe(true);
  });

  it("enforceLimit refuses with the wait in whole seconds", async () => {
    const limiter = open().create({ name: "enforce", limit: 1, windowMs: 60_000 });
    await enforceLimit(limiter, "k", (s) => `wait ${s} s`);
    const err = await enforceLimit(limiter, "k", (s) => `wait ${s} s`).catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe("RATE_LIMITED");
    expect(isAppError(err) && err.details?.retryAfterSeconds).toBe(60);
  });

  it("answers UNAVAILABLE (not a hang, not a pass) when Redis cannot be reached", async () => {
    const factory = createRateLimiterFactory({ redisUrl: "redis://127.0.0.1:1", prefix: "eca:rl-test:down", log });
    factories.push(factory);
    const err = await factory.create({ name: "down", limit: 1, windowMs: 1_000 }).hit("k").catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe("UNAVAILABLE");
  });
});
