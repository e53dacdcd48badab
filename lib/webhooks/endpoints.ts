import { randomBytes } from "node:crypto";
import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import { resolveDeliveryTarget, type Resolver } from "./address-policy";
import { newEventId, payloadOf } from "./emit";
import { formatEventTypes, parseEventTypes, TEST_EVENT_TYPE, type WebhookEventType } from "./events";
import type { ListDeliveriesQuery } from "./schemas";

const MAX_ENDPOINTS_PER_SCOPE = 20;
// Test events and redeliveries queue by hand; this many waiting for one endpoint is enough.
const MAX_QUEUED_BY_HAND = 50;

export interface WebhookEndpointView {
  id: string;
  roomId: string | null;
  url: string;
  description: string;
  events: WebhookEventType[];
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface WebhookDeliveryView {
  id: string;
  eventId: string;
  type: string;
  status: string;
  attempts: number;
  nextAttemptAt: Date;
  lastAttemptAt: Date | null;
  responseCode: number | null;
  lastError: string | null;
  durationMs: number | null;
  createdAt: Date;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const endpointSelect = {
  id: true, roomId: true, url: true, description: true, events: true, enabled: true, disabledReason: true, disabledAt: true, createdAt: true, updatedAt: true,
} as const;

const deliverySelect = {
  id: true, eventId: true, type: true, status: true, attempts: true, nextAttemptAt: true, lastAttemptAt: true, responseCode: true, lastError: true, durationMs: true, createdAt: true,
} as const;

function toView(row: Omit<WebhookEndpointView, "events"> & { events: string }): WebhookEndpointView {
  return { ...row, events: parseEventTypes(row.events) };
}

/** A new Standard Webhooks secret: `whsec_` and 24 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

export interface NewEndpoint {
  ownerId: string;
  roomId: string | null;
  url: string;
  events: WebhookEventType[];
  description: string;
}

/**
 * Registers an endpoint after checking its URL resolves to an address webhooks may reach. The secret
 * is returned this once (and on rotation).
 */
export async function createWebhookEndpoint(
  db: Db,
  input: NewEndpoint,
  policy: { allowPrivate: boolean; resolve?: Resolver },
): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  const target = await resolveDeliveryTarget(input.url, policy);
  const count = await db.webhookEndpoint.count({ where: { roomId: input.roomId } });
  if (count >= MAX_ENDPOINTS_PER_SCOPE) throw new AppError("CONFLICT", `There are already ${MAX_ENDPOINTS_PER_SCOPE} endpoints here. Delete one first.`);
  const secret = newWebhookSecret();
  const row = await db.webhookEndpoint.create({
    data: { ownerId: input.ownerId, roomId: input.roomId, url: target.url.toString(), description: input.description, events: formatEventTypes(input.events), secret },
    select: endpointSelect,
  });
  return { endpoint: toView(row), secret };
}

/** The endpoint with its scope, or NOT_FOUND. */
export async function getWebhookEndpoint(db: Db, id: string): Promise<WebhookEndpointView> {
  const row = await db.webhookEndpoint.findUnique({ where: { id }, select: endpointSelect });
  if (!row) throw new AppError("NOT_FOUND", "No such webhook endpoint.");
  return toView(row);
}

/** Endpoints of one scope (a room, or the instance with `roomId` null), newest first. */
export async function listWebhookEndpoints(db: Db, roomId: string | null, query: { cursor?: string; limit: number }): Promise<Page<WebhookEndpointView>> {
  const rows = await db.webhookEndpoint.findMany({
    where: { roomId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor && { cursor: { id: query.cursor }, skip: 1 }),
    select: endpointSelect,
  });
  const items = rows.slice(0, query.limit).map(toView);
  return { items, nextCursor: rows.length > query.limit ? items.at(-1)!.id : null };
}

export async function deleteWebhookEndpoint(db: Db, id: string): Promise<void> {
  await db.webhookEndpoint.delete({ where: { id } });
}

/** Replaces the secret; deliveries signed from now on use the new one. */
export async function rotateWebhookSecret(db: Db, id: string): Promise<string> {
  const secret = newWebhookSecret();
  await db.webhookEndpoint.update({ where: { id }, data: { secret } });
  return secret;
}

/** Enables (clearing the reason and the run of failures) or disables an endpoint by hand. */
export async function setWebhookEndpointEnabled(db: Db, id: string, enabled: boolean, now = new Date()): Promise<WebhookEndpointView> {
  const row = await db.webhookEndpoint.update({
    where: { id },
    data: enabled
      ? { enabled: true, disabledReason: null, disabledAt: null, failingSince: null }
      : { enabled: false, disabledReason: "Disabled by hand.", disabledAt: now },
    select: endpointSelect,
  });
  return toView(row);
}

/** The endpoint's deliveries, newest first. */
export async function listWebhookDeliveries(db: Db, endpointId: string, query: ListDeliveriesQuery): Promise<Page<WebhookDeliveryView>> {
  const rows = await db.webhookDelivery.findMany({
    where: { endpointId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor && { cursor: { id: query.cursor }, skip: 1 }),
    select: deliverySelect,
  });
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? items.at(-1)!.id : null };
}

/** A delivery may be queued by hand: the endpoint is enabled and not flooded with waiting deliveries. */
async function requireRoomToQueue(db: Db, endpointId: string): Promise<void> {
  const endpoint = await db.webhookEndpoint.findUnique({ where: { id: endpointId }, select: { enabled: true } });
  if (!endpoint?.enabled) throw new AppError("CONFLICT", "Enable the endpoint first.");
  const waiting = await db.webhookDelivery.count({ where: { endpointId, status: { in: ["pending", "failed"] } } });
  if (waiting >= MAX_QUEUED_BY_HAND) {
    throw new AppError("RATE_LIMITED", `${waiting} deliveries are already waiting for this endpoint.`, { retryAfterSeconds: 60 });
  }
}

/** Queues the delivery's event again for its endpoint, as a new delivery with the same `webhook-id`. */
export async function redeliverWebhook(db: Db, endpointId: string, deliveryId: string, now = new Date()): Promise<WebhookDeliveryView> {
  const original = await db.webhookDelivery.findFirst({ where: { id: deliveryId, endpointId }, select: { eventId: true, type: true, payload: true } });
  if (!original) throw new AppError("NOT_FOUND", "No such delivery.");
  await requireRoomToQueue(db, endpointId);
  return db.webhookDelivery.create({ data: { endpointId, ...original, nextAttemptAt: now, createdAt: now }, select: deliverySelect });
}

/** Queues a `webhook.test` event for this endpoint alone. */
export async function sendTestWebhook(db: Db, endpointId: string, now = new Date()): Promise<WebhookDeliveryView> {
  await requireRoomToQueue(db, endpointId);
  const payload = payloadOf(TEST_EVENT_TYPE, { endpointId, message: "A test event from Elite Coding Assistant." }, now);
  return db.webhookDelivery.create({
    data: { endpointId, eventId: newEventId(), type: TEST_EVENT_TYPE, payload, nextAttemptAt: now, createdAt: now },
    select: deliverySelect,
  });
}
