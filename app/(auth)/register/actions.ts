"use server";

import { getDb } from "@/app/_server/runtime";
import { createRateLimiter, type RateLimiter } from "@/lib/auth/rate-limit";
import { registrationSchema } from "@/lib/auth/schemas";
import { registerUser } from "@/lib/auth/users";
import { getConfig } from "@/lib/config";
import { failureFrom, INTERNAL_FAILURE, validationFailure, type ActionResult } from "@/lib/forms/action-result";
import { logger } from "@/lib/observability/logger";
import { headers } from "next/headers";

export type RegisterField = "email" | "name" | "password";

let registrationsPerIp: RateLimiter | undefined;

export async function registerAction(input: unknown): Promise<ActionResult<RegisterField>> {
  const parsed = registrationSchema.safeParse(input);
  if (!parsed.success) return validationFailure(parsed.error);
  const ip = (await headers()).get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
  registrationsPerIp ??= createRateLimiter({ limit: getConfig().env.REGISTRATIONS_PER_HOUR_PER_IP, windowMs: 60 * 60 * 1000 });
  if (!registrationsPerIp.hit(ip).allowed) {
    return { ok: false, code: "RATE_LIMITED", message: "Too many sign-ups from your network. Try again later." };
  }
  try {
    const user = await registerUser(await getDb(), parsed.data, { allowRegistration: getConfig().allowRegistration });
    logger.info({ userId: user.id, role: user.role }, "account registered");
    return { ok: true };
  } catch (err) {
    const failure = failureFrom<RegisterField>(err);
    if (failure && !failure.ok && failure.code === "EMAIL_TAKEN") {
      return { ...failure, message: undefined, fieldErrors: { email: failure.message } };
    }
    if (failure) return failure;
    logger.error({ err }, "registration failed");
    return INTERNAL_FAILURE;
  }
}
