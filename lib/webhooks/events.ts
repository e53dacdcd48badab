import { z } from "zod";

const id = z.string().min(1).max(64);
const roomId = id.nullable();

/**
 * Every event a webhook endpoint can subscribe to, with the schema of its `data`. Payloads carry
 * ids and short facts only: a receiver fetches more through the API with its own token.
 */
export const WEBHOOK_EVENT_SCHEMAS = {
  "document.ready": z.object({ documentId: id, name: z.string(), roomId, userId: id.nullable(), status: z.string(), chunkCount: z.number().int() }),
  "document.failed": z.object({ documentId: id, name: z.string(), roomId, userId: id.nullable(), failureCode: z.string(), failureMessage: z.string() }),
  "room.version.saved": z.object({ roomId: id, versionId: id, label: z.string(), createdBy: id.nullable() }),
  "room.member.added": z.object({ roomId: id, userId: id, role: z.string(), addedBy: id }),
  "room.member.removed": z.object({ roomId: id, userId: id, role: z.string(), removedBy: id }),
  "chat.feedback": z.object({ messageId: id, userId: id, roomId, model: z.string().nullable(), rating: z.union([z.literal(1), z.literal(-1)]), comment: z.string().nullable() }),
} as const;

export type WebhookEventType = keyof typeof WEBHOOK_EVENT_SCHEMAS;
export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENT_SCHEMAS) as [WebhookEventType, ...WebhookEventType[]];
export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);

/** Sent to one endpoint by "Send test event"; no endpoint subscribes to it. */
export const TEST_EVENT_TYPE = "webhook.test";

export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  "document.ready": "A document finished processing",
  "document.failed": "A document could not be processed",
  "room.version.saved": "A room version was saved",
  "room.member.added": "Someone joined a room",
  "room.member.removed": "Someone left or was removed from a room",
  "chat.feedback": "An answer was rated",
};

/** An event as domain code emits it: room events reach the room's endpoints as well as the instance's. */
export type WebhookEvent = {
  [T in WebhookEventType]: { type: T; roomId: string | null; data: z.input<(typeof WEBHOOK_EVENT_SCHEMAS)[T]> };
}[WebhookEventType];

/** The body every delivery carries (Standard Webhooks' recommended shape). */
export interface WebhookPayload {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

/** Event types as stored on an endpoint: sorted, deduplicated, space-separated. */
export function formatEventTypes(types: readonly WebhookEventType[]): string {
  return [...new Set(types)].sort().join(" ");
}

/** Stored event types back to names; a type since removed is dropped. */
export function parseEventTypes(stored: string): WebhookEventType[] {
  return stored.split(" ").flatMap((t) => {
    const parsed = webhookEventTypeSchema.safeParse(t);
    return parsed.success ? [parsed.data] : [];
  });
}
