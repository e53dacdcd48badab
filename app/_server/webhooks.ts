import "server-only";
import { sessionPrincipal } from "@/lib/auth/principal";
import type { SessionUser } from "@/lib/auth/roles";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/events";
import { listWebhookDeliveriesApi, listWebhookEndpointsApi } from "@/lib/webhooks/webhook-api";
import {
  createWebhookAction,
  deleteWebhookAction,
  redeliverWebhookAction,
  rotateWebhookSecretAction,
  sendTestWebhookAction,
  setWebhookEnabledAction,
} from "../(app)/webhook-actions";
import { getDb } from "./runtime";

const ENDPOINTS_SHOWN = 20;
const DELIVERIES_SHOWN = 20;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A management page's webhook endpoints (the instance's, or a room's) with their latest deliveries, as plain data for the UI. */
export async function loadWebhookPanel(user: SessionUser, roomId: string | null) {
  const db = await getDb();
  const principal = sessionPrincipal(user);
  const { items } = await listWebhookEndpointsApi(db, principal, { ...(roomId && { roomId }), limit: ENDPOINTS_SHOWN });
  const endpoints = await Promise.all(
    items.map(async (e) => {
      const deliveries = await listWebhookDeliveriesApi(db, principal, e.id, { limit: DELIVERIES_SHOWN });
      return {
        ...e,
        disabledAt: iso(e.disabledAt),
        createdAt: e.createdAt.toISOString(),
        updatedAt: e.updatedAt.toISOString(),
        deliveries: deliveries.items.map((d) => ({ ...d, nextAttemptAt: d.nextAttemptAt.toISOString(), lastAttemptAt: iso(d.lastAttemptAt), createdAt: d.createdAt.toISOString() })),
      };
    }),
  );
  return { roomId, endpoints, events: WEBHOOK_EVENT_TYPES.map((type) => ({ type, label: WEBHOOK_EVENT_LABELS[type] })) };
}

/** The server actions the webhook panel calls, as one prop. */
export const webhookActions = {
  create: createWebhookAction,
  remove: deleteWebhookAction,
  setEnabled: setWebhookEnabledAction,
  rotate: rotateWebhookSecretAction,
  sendTest: sendTestWebhookAction,
  redeliver: redeliverWebhookAction,
};
