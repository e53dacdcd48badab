import "server-only";
import { buildAuthOptions } from "@/lib/auth/next-auth-options";
import { createSessionValidity } from "@/lib/auth/session-validity";
import { createSignInLimiters } from "@/lib/auth/sign-in-limits";
import { getConfig } from "@/lib/config";
import { connectDb, type Db } from "@/lib/db/client";
import { parseTrustedProxies, type TrustedProxies } from "@/lib/net/client-address";
import { logger } from "@/lib/observability/logger";
import { createRateLimiterFactory, type RateLimiterFactory } from "@/lib/rate-limit/factory";
import type { RateLimiter } from "@/lib/rate-limit/limiter";
import type { NextAuthOptions } from "next-auth";

/**
 * Process-wide singletons of the web app, created on first use (never at build time) and kept on
 * globalThis so development reloads do not open new connections.
 */
interface Runtime {
  db?: Promise<Db>;
  authOptions?: NextAuthOptions;
  rateLimiters?: RateLimiterFactory;
  chatLimiter?: RateLimiter;
  apiTokenLimiter?: RateLimiter;
  trustedProxies?: TrustedProxies;
}
const runtime = ((globalThis as { __eliteRuntime?: Runtime }).__eliteRuntime ??= {});

export function getDb(): Promise<Db> {
  runtime.db ??= connectDb(getConfig().db).catch((err) => {
    runtime.db = undefined;
    throw err;
  });
  return runtime.db;
}

/** Where every limit of the web app counts: Redis when REDIS_URL is set (shared by all instances). */
export function getRateLimiters(): RateLimiterFactory {
  runtime.rateLimiters ??= createRateLimiterFactory({ redisUrl: getConfig().env.REDIS_URL, log: logger.child({ component: "rate-limit" }) });
  return runtime.rateLimiters;
}

/** Chat turns per user per minute, one count for the chat page and /v1 alike (CHAT_RATE_LIMIT_PER_MINUTE). */
export function getChatLimiter(): RateLimiter {
  runtime.chatLimiter ??= getRateLimiters().create({ name: "chat-user", limit: getConfig().env.CHAT_RATE_LIMIT_PER_MINUTE, windowMs: 60_000 });
  return runtime.chatLimiter;
}

/** Requests per user per minute made with API tokens (API_RATE_LIMIT_PER_MINUTE). */
export function getApiTokenLimiter(): RateLimiter {
  runtime.apiTokenLimiter ??= getRateLimiters().create({ name: "api-token-user", limit: getConfig().env.API_RATE_LIMIT_PER_MINUTE, windowMs: 60_000 });
  return runtime.apiTokenLimiter;
}

/** TRUSTED_PROXIES, for clientAddress(). */
export function getTrustedProxies(): TrustedProxies {
  runtime.trustedProxies ??= parseTrustedProxies(getConfig().env.TRUSTED_PROXIES);
  return runtime.trustedProxies;
}

// A disabled account's sessions end within this on every instance.
const SESSION_CHECK_TTL_MS = 5_000;

export function getAuthOptions(): NextAuthOptions {
  runtime.authOptions ??= buildAuthOptions({
    config: getConfig(),
    getDb,
    limiters: createSignInLimiters((rule) => getRateLimiters().create(rule)),
    trustedProxies: getTrustedProxies(),
    isSessionValid: createSessionValidity(getDb, { ttlMs: SESSION_CHECK_TTL_MS }),
    log: logger.child({ component: "auth" }),
  });
  return runtime.authOptions;
}

/** Closes the database; called on shutdown. */
export async function closeRuntime(): Promise<void> {
  const db = runtime.db;
  runtime.db = undefined;
  const rateLimiters = runtime.rateLimiters;
  runtime.rateLimiters = undefined;
  runtime.chatLimiter = undefined;
  runtime.apiTokenLimiter = undefined;
  await rateLimiters?.close();
  if (db) await (await db).$disconnect();
}
