import { randomBytes } from "node:crypto";
import type { Db } from "../db/client";
import { logger } from "../observability/logger";
import { parseEventTypes, WEBHOOK_EVENT_SCHEMAS, type WebhookEvent, type WebhookPayload } from "./events";

/** A Standard Webhooks message id: the same for every endpoint and every retry of one event. */
export function newEventId(): string {
  return `msg_${randomBytes(16).toString("base64url")}`;
}

export function payloadOf(type: string, data: Record<string, unknown>, at: Date): string {
  const payload: WebhookPayload = { type, timestamp: at.toISOString(), data };
  return JSON.stringify(payload);
}

/**
 * Queues one delivery of `event` per enabled endpoint subscribed to it: the instance's endpoints and,
 * for a room event, the room's. Called by domain code after its change is committed, so pages, REST
 * and MCP emit alike. It never throws: a failure here is logged and must not undo the user's action.
 * Returns the number of deliveries queued.
 */
export async function emitWebhookEvent(db: Db, event: WebhookEvent, now = new Date()): Promise<number> {
  try {
    const data = WEBHOOK_EVENT_SCHEMAS[event.type].parse(event.data) as Record<string, unknown>;
    const endpoints = await db.webhookEndpoint.findMany({
      where: { enabled: true, OR: [{ roomId: null }, ...(event.roomId ? [{ roomId: event.roomId }] : [])] },
      select: { id: true, events: true },
    });
    const subscribed = endpoints.filter((e) => parseEventTypes(e.events).includes(event.type));
    if (subscribed.length === 0) return 0;
    const eventId = newEventId();
    const payload = payloadOf(event.type, data, now);
    await db.webhookDelivery.createMany({
      data: subscribed.map((e) => ({ endpointId: e.id, eventId, type: event.type, payload, nextAttemptAt: now, createdAt: now })),
    });
    return subscribed.length;
  } catch (err) {
    logger.error({ err, type: event.type, roomId: event.roomId }, "could not queue webhook deliveries");
    return 0;
  }
}
