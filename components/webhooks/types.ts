import type { ActionResult } from "@/lib/forms/action-result";

export interface DeliveryRow {
  id: string;
  eventId: string;
  type: string;
  status: string;
  attempts: number;
  nextAttemptAt: string;
  lastAttemptAt: string | null;
  responseCode: number | null;
  lastError: string | null;
  durationMs: number | null;
  createdAt: string;
}

export interface EndpointRow {
  id: string;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: string | null;
  createdAt: string;
  deliveries: DeliveryRow[];
}

export type SecretResult = ActionResult & { secret?: string };

/** The server actions the panel calls (app/(app)/webhook-actions.ts), passed in by the page. */
export interface WebhookActions {
  create(input: unknown): Promise<SecretResult>;
  remove(input: { endpointId: string }): Promise<SecretResult>;
  setEnabled(input: { endpointId: string; enabled: boolean }): Promise<SecretResult>;
  rotate(input: { endpointId: string }): Promise<SecretResult>;
  sendTest(input: { endpointId: string }): Promise<SecretResult>;
  redeliver(input: { endpointId: string; deliveryId: string }): Promise<SecretResult>;
}
