"use server";

import { getDb, getRateLimiters } from "@/app/_server/runtime";
import { requireUser } from "@/app/_server/session";
import { saveTheme } from "@/lib/auth/theme";
import { failureFrom, INTERNAL_FAILURE, type ActionResult } from "@/lib/forms/action-result";
import type { RateLimiter } from "@/lib/rate-limit/limiter";
import { enforceLimit } from "@/lib/rate-limit/enforce";
import { logger } from "@/lib/observability/logger";

let limiter: RateLimiter | undefined;

/** Stores the signed-in user's theme; the page has already applied it, this keeps it for next time. */
export async function saveThemeAction(theme: unknown): Promise<ActionResult> {
  const user = await requireUser();
  try {
    limiter ??= getRateLimiters().create({ name: "theme-user", limit: 30, windowMs: 60_000 });
    await enforceLimit(limiter, user.id, (s) => `Too many theme changes. Try again in ${s} s.`);
    await saveTheme(await getDb(), user.id, theme);
    return { ok: true };
  } catch (err) {
    const failure = failureFrom(err);
    if (failure) return failure;
    logger.error({ err }, "save theme failed");
    return INTERNAL_FAILURE;
  }
}
