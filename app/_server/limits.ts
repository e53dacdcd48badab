import "server-only";
import { getConfig } from "@/lib/config";
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

/** Chat turns per user per minute, one count for the chat page and /v1 alike (CHAT_RATE_LIMIT_PER_MINUTE). */
export const limitChatTurns = routeLimit(
  () => ({ name: "chat-user", limit: getConfig().env.CHAT_RATE_LIMIT_PER_MINUTE, windowMs: 60_000 }),
  (s) => `Too many messages. You can send again in ${s} s.`,
);

/** Requests per user per minute made with API tokens (API_RATE_LIMIT_PER_MINUTE). */
export const limitTokenRequests = routeLimit(
  () => ({ name: "api-token-user", limit: getConfig().env.API_RATE_LIMIT_PER_MINUTE, windowMs: 60_000 }),
  (s) => `Too many API requests. Try again in ${s} s.`,
);

// Folder drops send many files at once; this bounds one user's uploads, not a single drop.
/** Uploads per user per minute, one count for the knowledge page and the API. */
export const limitUploads = routeLimit(
  () => ({ name: "uploads-user", limit: 300, windowMs: 60_000 }),
  (s) => `Too many uploads. Try again in ${s} s.`,
);
