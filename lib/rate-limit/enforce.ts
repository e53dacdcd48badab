import { AppError } from "../errors/app-error";
import { retryAfterSeconds, type RateLimiter } from "./limiter";

/** The refusal every limit gives: HTTP 429 whose `retryAfterSeconds` becomes the Retry-After header. */
export function rateLimited(seconds: number, message: string): AppError {
  return new AppError("RATE_LIMITED", message, { retryAfterSeconds: seconds });
}

/** Counts one event for `key`; throws `rateLimited` (with the wait in seconds) once over the limit. */
export async function enforceLimit(limiter: RateLimiter, key: string, message: (seconds: number) => string): Promise<void> {
  const decision = await limiter.hit(key);
  if (decision.allowed) return;
  const seconds = retryAfterSeconds(decision);
  throw rateLimited(seconds, message(seconds));
}
