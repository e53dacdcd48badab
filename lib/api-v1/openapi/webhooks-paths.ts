import type { OpenAPIRegistry, RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { idSchema } from "../../forms/input";
import { pageSchema } from "../../forms/page";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENT_SCHEMAS, WEBHOOK_EVENT_TYPES } from "../../webhooks/events";
import {
  createWebhookInputSchema,
  listDeliveriesQuerySchema,
  listWebhooksQuerySchema,
  updateWebhookInputSchema,
  webhookDeliverySchema,
  webhookEndpointSchema,
} from "../../webhooks/schemas";
import { BEARER, errorSchema, json } from "./common";

const errors = {
  400: json(errorSchema, "Invalid input, or a URL webhooks may not reach"),
  401: json(errorSchema, "No session or API token"),
  403: json(errorSchema, "Missing scope (`admin` for instance endpoints, `rooms:write` for a room's) or not the room's owner"),
  404: json(errorSchema, "No such endpoint, delivery or room"),
};
const endpointParams = z.object({ id: idSchema });
const tags = ["Webhooks"];

function path(config: Omit<RouteConfig, "tags">): RouteConfig {
  return { tags, security: [{ [BEARER]: [] }], ...config, responses: { ...errors, ...config.responses } };
}

/**
 * Describes /api/v1/webhooks and the events it delivers (OpenAPI 3.1 `webhooks`), from the same zod
 * schemas that validate the requests and the payloads.
 */
export function registerWebhookPaths(registry: OpenAPIRegistry): void {
  const routes: Omit<RouteConfig, "tags">[] = [
    {
      method: "get", path: "/api/v1/webhooks", summary: "List the instance's endpoints, or a room's with roomId",
      request: { query: listWebhooksQuerySchema }, responses: { 200: json(pageSchema(webhookEndpointSchema), "Endpoints, newest first") },
    },
    {
      method: "post", path: "/api/v1/webhooks", summary: "Register an endpoint; the signing secret is returned this once",
      request: { body: { required: true, content: { "application/json": { schema: createWebhookInputSchema } } } },
      responses: { 201: json(webhookEndpointSchema.extend({ secret: z.string().startsWith("whsec_") }), "The endpoint and its secret") },
    },
    { method: "get", path: "/api/v1/webhooks/{id}", summary: "Read an endpoint", request: { params: endpointParams }, responses: { 200: json(webhookEndpointSchema, "The endpoint") } },
    {
      method: "patch", path: "/api/v1/webhooks/{id}", summary: "Enable or disable an endpoint",
      request: { params: endpointParams, body: { required: true, content: { "application/json": { schema: updateWebhookInputSchema } } } },
      responses: { 200: json(webhookEndpointSchema, "The endpoint") },
    },
    { method: "delete", path: "/api/v1/webhooks/{id}", summary: "Delete an endpoint and its deliveries", request: { params: endpointParams }, responses: { 204: { description: "Deleted" } } },
    {
      method: "post", path: "/api/v1/webhooks/{id}/secret", summary: "Rotate the signing secret", request: { params: endpointParams },
      responses: { 200: json(z.object({ secret: z.string().startsWith("whsec_") }), "The new secret, shown this once") },
    },
    {
      method: "post", path: "/api/v1/webhooks/{id}/test", summary: "Queue a webhook.test event for this endpoint", request: { params: endpointParams },
      responses: { 202: json(webhookDeliverySchema, "The queued delivery"), 409: json(errorSchema, "The endpoint is disabled") },
    },
    {
      method: "get", path: "/api/v1/webhooks/{id}/deliveries", summary: "List an endpoint's deliveries",
      request: { params: endpointParams, query: listDeliveriesQuerySchema }, responses: { 200: json(pageSchema(webhookDeliverySchema), "Deliveries, newest first") },
    },
    {
      method: "post", path: "/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver", summary: "Send a delivery's event again (same webhook-id)",
      request: { params: endpointParams.extend({ deliveryId: idSchema }) },
      responses: { 202: json(webhookDeliverySchema, "The new delivery"), 409: json(errorSchema, "The endpoint is disabled") },
    },
  ];
  for (const route of routes) registry.registerPath(path(route));

  const signatureHeaders = z.object({
    "webhook-id": z.string().describe("The event's msg_… id; the same on every retry and redelivery"),
    "webhook-timestamp": z.string().describe("Unix seconds of this attempt"),
    "webhook-signature": z.string().describe("v1,<base64 HMAC-SHA256> per Standard Webhooks, keyed by the endpoint's whsec_ secret"),
  });
  for (const type of WEBHOOK_EVENT_TYPES) {
    registry.registerWebhook({
      method: "post",
      path: type,
      tags,
      summary: WEBHOOK_EVENT_LABELS[type],
      request: {
        headers: signatureHeaders,
        body: { required: true, content: { "application/json": { schema: z.object({ type: z.literal(type), timestamp: z.iso.datetime(), data: WEBHOOK_EVENT_SCHEMAS[type] }) } } },
      },
      responses: { 200: { description: "Any 2xx acknowledges; anything else or no answer within 10 s is retried for 24 h" } },
    });
  }
}
