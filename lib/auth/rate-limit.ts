export interface RateLimitDecision {
  allowed: boolean;
  remaining: number;
  retryAfterMs: number;
}

export interface RateLimiter {
  /** Counts one event for `key` and says whether it is still within the limit. */
  hit(key: string): RateLimitDecision;
  /** Looks without counting. */
  peek(key: string): RateLimitDecision;
  reset(key: string): void;
}

/**
 * A sliding-window limiter kept in this process's memory: `limit` events per `windowMs` per key.
 * Keys are evicted once their window has passed, so memory stays bounded by active keys.
 */
export function createRateLimiter(options: { limit: number; windowMs: number; now?: () => number }): RateLimiter {
  const { limit, windowMs } = options;
  const now = options.now ?? Date.now;
  const events = new Map<string, number[]>();

  function current(key: string): number[] {
    const cutoff = now() - windowMs;
    const kept = (events.get(key) ?? []).filter((t) => t > cutoff);
    if (kept.length === 0) events.delete(key);
    else events.set(key, kept);
    return kept;
  }

  function decide(times: number[]): RateLimitDecision {
    const allowed = times.length <= limit;
    const retryAfterMs = allowed ? 0 : Math.max(0, times[times.length - limit - 1]! + windowMs - now());
    return { allowed, remaining: Math.max(0, limit - times.length), retryAfterMs };
  }

  return {
    hit(key) {
      const times = current(key);
      times.push(now());
      events.set(key, times);
      return decide(times);
    },
    peek(key) {
      const times = current(key);
      return { ...decide(times), allowed: times.length < limit };
    },
    reset(key) {
      events.delete(key);
    },
  };
}
