import "server-only";
import { resolvePrincipal, type Principal } from "@/lib/auth/principal";
import { getConfig } from "@/lib/config";
import { enforceLimit } from "@/lib/rate-limit/enforce";
import type { RateLimiter } from "@/lib/rate-limit/limiter";
import { getDb, getRateLimiters } from "./runtime";
import { getCurrentUser } from "./session";

// Created on first request, never at build time.
let tokenLimiter: RateLimiter | undefined;

/**
 * The caller of an API request — session cookie or API token (lib/auth/principal.ts) — with the
 * per-user limit on token requests applied. Every /api/v1 and /v1 route starts here.
 */
export async function requirePrincipal(req: Request): Promise<Principal> {
  const principal = await resolvePrincipal(req.headers, { db: await getDb(), sessionUser: getCurrentUser });
  if (principal.via === "token") {
    tokenLimiter ??= getRateLimiters().create({ name: "api-token-user", limit: getConfig().env.API_RATE_LIMIT_PER_MINUTE, windowMs: 60_000 });
    await enforceLimit(tokenLimiter, principal.user.id, (s) => `Too many API requests. Try again in ${s} s.`);
  }
  return principal;
}
