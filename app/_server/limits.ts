import "server-only";
import { enforceLimit } from "@/lib/rate-limit/enforce";
import type { RateLimiterFactory } from "@/lib/rate-limit/factory";
import type { RateLimiter, RateLimitRule } from "@/lib/rate-limit/limiter";
import { getRateLimiters } from "./runtime";

/**
 * A limit for a route handler, counted per key where every limit of the app counts (Redis when
 * REDIS_URL is set). The rule is read on first use, never at build time. Over the limit the call
 * throws RATE_LIMITED, which route() answers with 429 and Retry-After.
 */
export function routeLimit(
  rule: () => RateLimitRule,
  message: (seconds: number) => string,
  limiters: () => RateLimiterFactory = getRateLimiters,
): (key: string) => Promise<void> {
  let limiter: RateLimiter | undefined;
  return async (key) => {
    limiter ??= limiters().create(rule());
    await enforceLimit(limiter, key, message);
  };
}
