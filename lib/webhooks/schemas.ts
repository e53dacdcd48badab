import { z } from "zod";
import { idSchema } from "../forms/input";
import { pageQuerySchema } from "../forms/page";
import { userText } from "../forms/text";
import { TEST_EVENT_TYPE, webhookEventTypeSchema } from "./events";

export const createWebhookInputSchema = z.object({
  url: z.string().trim().min(1, "Enter the receiver's URL").max(2000),
  events: z.array(webhookEventTypeSchema).min(1, "Choose at least one event").max(20),
  description: userText().trim().max(200).default(""),
  /** The room whose events the endpoint receives; omitted for an instance-wide endpoint (admins). */
  roomId: idSchema.optional(),
});
export type CreateWebhookInput = z.infer<typeof createWebhookInputSchema>;

export const updateWebhookInputSchema = z.object({ enabled: z.boolean() });

export const listWebhooksQuerySchema = pageQuerySchema.extend({ roomId: idSchema.optional() });
export type ListWebhooksQuery = z.infer<typeof listWebhooksQuerySchema>;

export const listDeliveriesQuerySchema = pageQuerySchema;
export type ListDeliveriesQuery = z.infer<typeof listDeliveriesQuerySchema>;

export const deliveryStatusSchema = z.enum(["pending", "succeeded", "failed", "dead"]);

export const webhookEndpointSchema = z.object({
  id: z.string(),
  roomId: z.string().nullable(),
  url: z.string(),
  description: z.string(),
  events: z.array(webhookEventTypeSchema),
  enabled: z.boolean(),
  disabledReason: z.string().nullable(),
  disabledAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const webhookDeliverySchema = z.object({
  id: z.string(),
  eventId: z.string(),
  type: z.union([webhookEventTypeSchema, z.literal(TEST_EVENT_TYPE)]),
  status: deliveryStatusSchema,
  attempts: z.number().int(),
  nextAttemptAt: z.iso.datetime(),
  lastAttemptAt: z.iso.datetime().nullable(),
  responseCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  createdAt: z.iso.datetime(),
});
