export interface RateLimitDecision {
  allowed: boolean;
  /** Events counted in the window, including the one being decided by `hit`. */
  count: number;
  remaining: number;
  /** How long until another event fits; 0 when allowed. */
  retryAfterMs: number;
  /** How long ago the newest counted event happened; null when none is counted. */
  newestAgeMs: number | null;
}

/** `limit` events per sliding `windowMs`, per key. */
export interface RateLimitRule {
  /** Names the limit in shared storage: two rules with one name share counts. */
  name: string;
  limit: number;
  windowMs: number;
}

/**
 * A sliding-window limiter. Every backend (this process's memory, Redis shared by all instances)
 * answers the same way, so callers never know which one they hold.
 */
export interface RateLimiter {
  readonly rule: RateLimitRule;
  /** Counts one event for `key` and says whether it is within the limit (refused events count too). */
  hit(key: string): Promise<RateLimitDecision>;
  /** Looks without counting. */
  peek(key: string): Promise<RateLimitDecision>;
  reset(key: string): Promise<void>;
}

/** What a backend knows of one key's window when deciding. */
export interface WindowState {
  count: number;
  /** The event whose leaving the window lets another fit: the `limit`-th newest; null with fewer. */
  boundaryAt: number | null;
  newestAt: number | null;
}

/**
 * The decision from a window's state. `pending` is 1 when the event being decided is already
 * counted (hit), 0 when it is not (peek).
 */
export function decide(rule: RateLimitRule, state: WindowState, pending: 0 | 1, now: number): RateLimitDecision {
  const allowed = state.count - pending < rule.limit;
  const retryAfterMs = allowed || state.boundaryAt === null ? 0 : Math.max(0, state.boundaryAt + rule.windowMs - now);
  return {
    allowed,
    count: state.count,
    remaining: Math.max(0, rule.limit - state.count),
    retryAfterMs,
    newestAgeMs: state.newestAt === null ? null : Math.max(0, now - state.newestAt),
  };
}

/** Whole seconds for a Retry-After header or message: never 0 for a refusal. */
export function retryAfterSeconds(decision: Pick<RateLimitDecision, "retryAfterMs">): number {
  return Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
}
