import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { AppError } from "../errors/app-error";
import type { Logger } from "../observability/logger";
import { decide, type RateLimiter, type RateLimitRule } from "./limiter";

/**
 * One sorted set per key, scored by the event's time on the Redis server's clock (so instances with
 * skewed clocks still agree). Trims what left the window, counts the event when hitting, and
 * answers [now, count, boundary, newest] in one atomic step.
 */
const SLIDING_WINDOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if ARGV[3] == 'hit' then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], window)
end
local count = redis.call('ZCARD', KEYS[1])
local boundary = -1
if count >= limit then
  boundary = tonumber(redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')[2])
end
local newest = -1
if count > 0 then
  newest = tonumber(redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')[2])
end
return {now, count, boundary, newest}
`;

interface SlidingWindowClient extends Redis {
  slidingWindow(key: string, windowMs: number, limit: number, mode: "hit" | "peek", member: string): Promise<number[]>;
}

/** Installs the script on a connection (once) for `createRedisRateLimiter`. */
export function withSlidingWindow(redis: Redis): SlidingWindowClient {
  const client = redis as SlidingWindowClient;
  if (typeof client.slidingWindow !== "function") client.defineCommand("slidingWindow", { numberOfKeys: 1, lua: SLIDING_WINDOW });
  return client;
}

/** A limiter whose counts live in Redis, shared by every instance using the same `prefix`. */
export function createRedisRateLimiter(redis: SlidingWindowClient, rule: RateLimitRule, options: { prefix: string; log: Logger }): RateLimiter {
  const keyOf = (key: string) => `${options.prefix}:${rule.name}:${key}`;

  /** Without Redis no limit can be checked: refuse (503) rather than let everything through. */
  async function guarded<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (err) {
      options.log.warn({ err, limit: rule.name }, "rate limit store unreachable");
      throw new AppError("UNAVAILABLE", "Limits cannot be checked right now. Try again shortly.", { retryAfterSeconds: 5 });
    }
  }

  async function run(key: string, mode: "hit" | "peek") {
    const reply = await guarded(() => redis.slidingWindow(keyOf(key), rule.windowMs, rule.limit, mode, randomUUID()));
    const [now, count, boundary, newest] = reply.map(Number) as [number, number, number, number];
    const state = { count, boundaryAt: boundary < 0 ? null : boundary, newestAt: newest < 0 ? null : newest };
    return decide(rule, state, mode === "hit" ? 1 : 0, now);
  }

  return {
    rule,
    hit: (key) => run(key, "hit"),
    peek: (key) => run(key, "peek"),
    async reset(key) {
      await guarded(() => redis.del(keyOf(key)));
    },
  };
}
