import { rateLimited } from "../rate-limit/enforce";
import { retryAfterSeconds, type RateLimiter, type RateLimitRule } from "../rate-limit/limiter";

const MINUTE = 60_000;

/**
 * Failed sign-ins are counted three ways. None of them lets a stranger lock an account's owner out:
 * - per (account, address): a few guesses, then that address waits — other addresses are unaffected;
 * - per address across accounts: one address cannot spray many accounts;
 * - per account from anywhere: past a generous free number, attempts on the account are spaced by a
 *   wait that doubles up to a minute. That slows a distributed guesser to about one try a minute but
 *   only ever delays the owner, never locks them out for long.
 */
export const SIGN_IN_RULES = {
  pair: { name: "signin-account-address", limit: 5, windowMs: 15 * MINUTE },
  address: { name: "signin-address", limit: 30, windowMs: 15 * MINUTE },
  account: { name: "signin-account", limit: 20, windowMs: 60 * MINUTE },
} as const satisfies Record<string, RateLimitRule>;

const ACCOUNT_DELAY_MAX_MS = MINUTE;

export interface SignInLimiters {
  pair: RateLimiter;
  address: RateLimiter;
  account: RateLimiter;
}

export function createSignInLimiters(create: (rule: RateLimitRule) => RateLimiter): SignInLimiters {
  return { pair: create(SIGN_IN_RULES.pair), address: create(SIGN_IN_RULES.address), account: create(SIGN_IN_RULES.account) };
}

/** The wait required after the newest failure once an account has `count` failures (≥ its free number). */
function accountDelayMs(count: number, freeFailures: number): number {
  return Math.min(ACCOUNT_DELAY_MAX_MS, 1000 * 2 ** Math.min(16, count - freeFailures));
}

export interface SignInSource {
  email: string;
  address: string;
}

const keys = ({ email, address }: SignInSource) => ({ pair: `${email}|${address}`, address, account: email });

/** Throws RATE_LIMITED (with the wait in seconds) when this attempt must not be checked now. */
export async function assertSignInAllowed(limiters: SignInLimiters, source: SignInSource): Promise<void> {
  const k = keys(source);
  for (const decision of [await limiters.pair.peek(k.pair), await limiters.address.peek(k.address)]) {
    if (!decision.allowed) {
      const seconds = retryAfterSeconds(decision);
      throw rateLimited(seconds, `Too many failed sign-in attempts. Try again in ${seconds} s.`);
    }
  }
  const account = await limiters.account.peek(k.account);
  if (account.allowed || account.newestAgeMs === null) return;
  const waitMs = accountDelayMs(account.count, limiters.account.rule.limit) - account.newestAgeMs;
  if (waitMs > 0) {
    const seconds = retryAfterSeconds({ retryAfterMs: waitMs });
    throw rateLimited(seconds, `Too many failed sign-in attempts for this account. Try again in ${seconds} s.`);
  }
}

export async function recordSignInFailure(limiters: SignInLimiters, source: SignInSource): Promise<void> {
  const k = keys(source);
  await Promise.all([limiters.pair.hit(k.pair), limiters.address.hit(k.address), limiters.account.hit(k.account)]);
}

/** The owner got in from this address: its guesses there start over (the account's count does not). */
export async function recordSignInSuccess(limiters: SignInLimiters, source: SignInSource): Promise<void> {
  await limiters.pair.reset(keys(source).pair);
}
