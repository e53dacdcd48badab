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

/** When to try again, or null once the next attempt would fall outside the retry window (the delivery is dead). */
export function nextAttemptAt(createdAt: Date, attempts: number, now: Date, random?: () => number): Date | null {
  const next = new Date(now.getTime() + retryDelayMs(attempts, random));
  return next.getTime() - createdAt.getTime() > RETRY_WINDOW_MS ? null : next;
}
