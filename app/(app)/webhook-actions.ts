"use server";

import { getDb, getWebhookDeps } from "@/app/_server/runtime";
import { requireUser } from "@/app/_server/session";
import { sessionPrincipal, type Principal } from "@/lib/auth/principal";
import { failureFrom, INTERNAL_FAILURE, type ActionResult } from "@/lib/forms/action-result";
import { logger } from "@/lib/observability/logger";
import {
  createWebhookEndpointApi,
  deleteWebhookEndpointApi,
  redeliverWebhookApi,
  rotateWebhookSecretApi,
  sendTestWebhookApi,
  updateWebhookEndpointApi,
} from "@/lib/webhooks/webhook-api";
import { revalidatePath } from "next/cache";

export type SecretResult = ActionResult & { secret?: string };

/**
 * The webhook management pages' actions: the signed-in user as a session principal, and the very
 * functions behind /api/v1/webhooks (validation and the permission check included).
 */
async function run(work: (principal: Principal) => Promise<string | void>): Promise<SecretResult> {
  const principal = sessionPrincipal(await requireUser());
  let secret: string | void;
  try {
    secret = await work(principal);
  } catch (err) {
    const failure = failureFrom(err);
    if (failure) return failure;
    logger.error({ err }, "webhook change failed");
    return INTERNAL_FAILURE;
  }
  revalidatePath("/admin");
  revalidatePath("/rooms", "layout");
  return secret ? { ok: true, secret } : { ok: true };
}

type EndpointRef = { endpointId: string };

export async function createWebhookAction(input: unknown): Promise<SecretResult> {
  return run(async (p) => (await createWebhookEndpointApi(await getWebhookDeps(), p, input)).secret);
}

export async function deleteWebhookAction(input: EndpointRef): Promise<SecretResult> {
  return run(async (p) => deleteWebhookEndpointApi(await getDb(), p, input?.endpointId));
}

export async function setWebhookEnabledAction(input: EndpointRef & { enabled: boolean }): Promise<SecretResult> {
  return run(async (p) => void (await updateWebhookEndpointApi(await getDb(), p, input?.endpointId, { enabled: input?.enabled })));
}

export async function rotateWebhookSecretAction(input: EndpointRef): Promise<SecretResult> {
  return run(async (p) => (await rotateWebhookSecretApi(await getDb(), p, input?.endpointId)).secret);
}

export async function sendTestWebhookAction(input: EndpointRef): Promise<SecretResult> {
  return run(async (p) => void (await sendTestWebhookApi(await getDb(), p, input?.endpointId)));
}

export async function redeliverWebhookAction(input: EndpointRef & { deliveryId: string }): Promise<SecretResult> {
  return run(async (p) => void (await redeliverWebhookApi(await getDb(), p, input?.endpointId, input?.deliveryId)));
}
