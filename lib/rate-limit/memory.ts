import { decide, type RateLimiter, type RateLimitRule, type WindowState } from "./limiter";

/**
 * A sliding-window limiter kept in this process's memory. Keys are evicted once their window has
 * passed, so memory stays bounded by active keys.
 */
export function createMemoryRateLimiter(rule: RateLimitRule, now: () => number = Date.now): RateLimiter {
  const events = new Map<string, number[]>();

  function current(key: string, at: number): number[] {
    const cutoff = at - rule.windowMs;
    const kept = (events.get(key) ?? []).filter((t) => t > cutoff);
    if (kept.length === 0) events.delete(key);
    else events.set(key, kept);
    return kept;
  }

  function state(times: number[]): WindowState {
    return { count: times.length, boundaryAt: times[times.length - rule.limit] ?? null, newestAt: times[times.length - 1] ?? null };
  }

  return {
    rule,
    async hit(key) {
      const at = now();
      const times = current(key, at);
      times.push(at);
      events.set(key, times);
      return decide(rule, state(times), 1, at);
    },
    async peek(key) {
      const at = now();
      return decide(rule, state(current(key, at)), 0, at);
    },
    async reset(key) {
      events.delete(key);
    },
  };
}
