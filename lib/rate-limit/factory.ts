import { Redis } from "ioredis";
import type { Logger } from "../observability/logger";
import type { RateLimiter, RateLimitRule } from "./limiter";
import { createMemoryRateLimiter } from "./memory";
import { createRedisRateLimiter, withSlidingWindow } from "./redis";

export interface RateLimiterFactory {
  /** Where counts live: "redis" (shared by every instance) or "memory" (this process only). */
  readonly backend: "redis" | "memory";
  create(rule: RateLimitRule): RateLimiter;
  close(): Promise<void>;
}

/**
 * The one place that chooses the backend: with `redisUrl` every limiter shares its counts through
 * Redis (all web instances and sidecars see the same numbers), without it each process counts alone.
 */
export function createRateLimiterFactory(options: { redisUrl?: string; prefix?: string; log: Logger }): RateLimiterFactory {
  if (!options.redisUrl) {
    // One count per rule, as in Redis (whose keys are per rule name): every route using a rule shares it.
    const limiters = new Map<string, RateLimiter>();
    const create = (rule: RateLimitRule) => {
      const key = `${rule.name}:${rule.limit}:${rule.windowMs}`;
      const limiter = limiters.get(key) ?? createMemoryRateLimiter(rule);
      limiters.set(key, limiter);
      return limiter;
    };
    return { backend: "memory", create, close: async () => undefined };
  }
  // A refused command fails fast instead of queueing while Redis is away: a limit check must not hang a request.
  const redis = withSlidingWindow(new Redis(options.redisUrl, { maxRetriesPerRequest: 1, connectionName: "rate-limits" }));
  redis.on("error", (err: Error) => options.log.warn({ err: err.message }, "rate limit redis connection problem"));
  const limiterOptions = { prefix: options.prefix ?? "eca:rl", log: options.log };
  return {
    backend: "redis",
    create: (rule) => createRedisRateLimiter(redis, rule, limiterOptions),
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
