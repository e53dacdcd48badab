import { writeAudit } from "../audit/audit-log";
import { requireScope, type Principal } from "../auth/principal";
import { requireRoomAccess } from "../collab/membership";
import type { Db } from "../db/client";
import { idSchema, parseInput } from "../forms/input";
import type { Resolver } from "./address-policy";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  redeliverWebhook,
  rotateWebhookSecret,
  sendTestWebhook,
  setWebhookEndpointEnabled,
  type Page,
  type WebhookDeliveryView,
  type WebhookEndpointView,
} from "./endpoints";
import { createWebhookInputSchema, listDeliveriesQuerySchema, listWebhooksQuerySchema, updateWebhookInputSchema } from "./schemas";

/**
 * What the webhook routes (/api/v1/webhooks…) and the management pages' server actions do once
 * they know the caller: validation and the one permission check. Instance-wide endpoints need the
 * `admin` scope; a room's endpoints need `rooms:write` and the caller's ownership of the room.
 */

export interface WebhookApiDeps {
  db: Db;
  allowPrivate: boolean;
  resolve?: Resolver;
}

async function requireWebhookManager(db: Db, principal: Principal, roomId: string | null): Promise<void> {
  if (roomId === null) {
    requireScope(principal, "admin");
    return;
  }
  requireScope(principal, "rooms:write");
  await requireRoomAccess(db, roomId, principal.user.id, "manage");
}

/** The endpoint, once the principal is shown to manage its scope. */
async function managedEndpoint(db: Db, principal: Principal, endpointId: unknown): Promise<WebhookEndpointView> {
  const endpoint = await getWebhookEndpoint(db, parseInput(idSchema, endpointId));
  await requireWebhookManager(db, principal, endpoint.roomId);
  return endpoint;
}

function audit(db: Db, principal: Principal, action: string, endpoint: WebhookEndpointView): Promise<void> {
  return writeAudit(db, { actorId: principal.user.id, action, targetType: "webhook_endpoint", targetId: endpoint.id, details: { roomId: endpoint.roomId, url: endpoint.url } });
}

/** POST /api/v1/webhooks: the secret is in this answer only. */
export async function createWebhookEndpointApi(deps: WebhookApiDeps, principal: Principal, body: unknown): Promise<WebhookEndpointView & { secret: string }> {
  const input = parseInput(createWebhookInputSchema, body);
  const roomId = input.roomId ?? null;
  await requireWebhookManager(deps.db, principal, roomId);
  const { endpoint, secret } = await createWebhookEndpoint(
    deps.db,
    { ownerId: principal.user.id, roomId, url: input.url, events: input.events, description: input.description },
    { allowPrivate: deps.allowPrivate, resolve: deps.resolve },
  );
  await audit(deps.db, principal, "webhook.create", endpoint);
  return { ...endpoint, secret };
}

/** GET /api/v1/webhooks?roomId=: the room's endpoints, or the instance's without `roomId`. */
export async function listWebhookEndpointsApi(db: Db, principal: Principal, query: unknown): Promise<Page<WebhookEndpointView>> {
  const { roomId, ...page } = parseInput(listWebhooksQuerySchema, query);
  await requireWebhookManager(db, principal, roomId ?? null);
  return listWebhookEndpoints(db, roomId ?? null, page);
}

export async function getWebhookEndpointApi(db: Db, principal: Principal, endpointId: unknown): Promise<WebhookEndpointView> {
  return managedEndpoint(db, principal, endpointId);
}

/** PATCH /api/v1/webhooks/:id `{enabled}`. */
export async function updateWebhookEndpointApi(db: Db, principal: Principal, endpointId: unknown, body: unknown): Promise<WebhookEndpointView> {
  const { enabled } = parseInput(updateWebhookInputSchema, body);
  const endpoint = await managedEndpoint(db, principal, endpointId);
  return setWebhookEndpointEnabled(db, endpoint.id, enabled);
}

export async function deleteWebhookEndpointApi(db: Db, principal: Principal, endpointId: unknown): Promise<void> {
  const endpoint = await managedEndpoint(db, principal, endpointId);
  await deleteWebhookEndpoint(db, endpoint.id);
  await audit(db, principal, "webhook.delete", endpoint);
}

/** POST /api/v1/webhooks/:id/secret: a new secret, shown this once. */
export async function rotateWebhookSecretApi(db: Db, principal: Principal, endpointId: unknown): Promise<{ secret: string }> {
  const endpoint = await managedEndpoint(db, principal, endpointId);
  const secret = await rotateWebhookSecret(db, endpoint.id);
  await audit(db, principal, "webhook.rotate_secret", endpoint);
  return { secret };
}

export async function listWebhookDeliveriesApi(db: Db, principal: Principal, endpointId: unknown, query: unknown): Promise<Page<WebhookDeliveryView>> {
  const endpoint = await managedEndpoint(db, principal, endpointId);
  return listWebhookDeliveries(db, endpoint.id, parseInput(listDeliveriesQuerySchema, query));
}

export async function redeliverWebhookApi(db: Db, principal: Principal, endpointId: unknown, deliveryId: unknown): Promise<WebhookDeliveryView> {
  const endpoint = await managedEndpoint(db, principal, endpointId);
  return redeliverWebhook(db, endpoint.id, parseInput(idSchema, deliveryId));
}

export async function sendTestWebhookApi(db: Db, principal: Principal, endpointId: unknown): Promise<WebhookDeliveryView> {
  const endpoint = await managedEndpoint(db, principal, endpointId);
  return sendTestWebhook(db, endpoint.id);
}
