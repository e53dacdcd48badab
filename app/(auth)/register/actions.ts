"use server";

import { getDb, getRateLimiters, getTrustedProxies } from "@/app/_server/runtime";
import { registrationSchema } from "@/lib/auth/schemas";
import { registerUser } from "@/lib/auth/users";
import { getConfig } from "@/lib/config";
import { failureFrom, INTERNAL_FAILURE, validationFailure, type ActionResult } from "@/lib/forms/action-result";
import { clientAddress } from "@/lib/net/client-address";
import { logger } from "@/lib/observability/logger";
import { retryAfterSeconds, type RateLimiter } from "@/lib/rate-limit/limiter";
import { headers } from "next/headers";

export type RegisterField = "email" | "name" | "password";

/** Which form field an error from registerUser belongs to (shown under it, not above the form). */
const FIELD_OF: Partial<Record<string, RegisterField>> = { EMAIL_TAKEN: "email", VALIDATION_FAILED: "password" };

let registrationsPerAddress: RateLimiter | undefined;

export async function registerAction(input: unknown): Promise<ActionResult<RegisterField>> {
  const parsed = registrationSchema.safeParse(input);
  if (!parsed.success) return validationFailure(parsed.error);
  const address = clientAddress(await headers(), getTrustedProxies());
  registrationsPerAddress ??= getRateLimiters().create({
    name: "registrations-address",
    limit: getConfig().env.REGISTRATIONS_PER_HOUR_PER_IP,
    windowMs: 60 * 60 * 1000,
  });
  try {
    const decision = await registrationsPerAddress.hit(address);
    if (!decision.allowed) {
      const minutes = Math.ceil(retryAfterSeconds(decision) / 60);
      return { ok: false, code: "RATE_LIMITED", message: `Too many sign-ups from your network. Try again in ${minutes} min.` };
    }
    const user = await registerUser(await getDb(), parsed.data, { allowRegistration: getConfig().allowRegistration });
    logger.info({ userId: user.id, role: user.role }, "account registered");
    return { ok: true };
  } catch (err) {
    const failure = failureFrom<RegisterField>(err);
    const field = failure && !failure.ok ? FIELD_OF[failure.code] : undefined;
    if (failure && !failure.ok && field) return { ...failure, message: undefined, fieldErrors: { [field]: failure.message } };
    if (failure) return failure;
    logger.error({ err }, "registration failed");
    return INTERNAL_FAILURE;
  }
}
