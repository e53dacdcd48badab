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

  /**
   * `pending` is 1 when the event being decided is already in `times` (hit) and 0 when it is not
   * (peek). Another event fits once all but `limit - 1` of the stored events have left the window.
   */
  function decide(times: number[], pending: 0 | 1): RateLimitDecision {
    const allowed = times.length - pending < limit;
    const retryAfterMs = allowed ? 0 : Math.max(0, times[times.length - limit]! + windowMs - now());
    return { allowed, remaining: Math.max(0, limit - times.length), retryAfterMs };
  }

  return {
    hit(key) {
      const times = current(key);
      times.push(now());
      events.set(key, times);
      return decide(times, 1);
    },
    peek(key) {
      const times = current(key);
      return decide(times, 0);
    },
    reset(key) {
      events.delete(key);
    },
  };
}
