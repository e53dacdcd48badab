/** How long a delivery keeps being retried, and an endpoint may fail without a break before it is disabled. */
export const RETRY_WINDOW_MS = 24 * 3600 * 1000;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 2 * 3600 * 1000;

/**
 * The wait after the `attempts`-th failed attempt: 30 s doubling up to 2 h, each ±20 % so the
 * retries of many deliveries that failed together (a receiver's outage) spread out.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * When to try again: after the backoff, but no later than 24 h after the event, which is the last
 * attempt; null once that has failed too (the delivery is dead).
 */
export function nextAttemptAt(createdAt: Date, attempts: number, now: Date, random?: () => number): Date | null {
  const deadline = createdAt.getTime() + RETRY_WINDOW_MS;
  if (now.getTime() >= deadline) return null;
  return new Date(Math.min(now.getTime() + retryDelayMs(attempts, random), deadline));
}
