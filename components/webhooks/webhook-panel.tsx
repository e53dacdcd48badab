"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { CreateWebhookForm } from "./create-webhook-form";
import { EndpointCard } from "./endpoint-card";
import type { EndpointRow, WebhookActions } from "./types";
import "./webhooks.css";

const REFRESH_MS = 2_000;

/**
 * Webhook endpoints of one scope (the instance on the admin page, a room on its settings page). The
 * page refreshes while a delivery is on its way, and an endpoint disabled for failing is announced
 * at the top so its owner sees it.
 */
export function WebhookPanel({ roomId, endpoints, events, actions }: { roomId: string | null; endpoints: EndpointRow[]; events: { type: string; label: string }[]; actions: WebhookActions }) {
  const router = useRouter();
  const inFlight = endpoints.some((e) => e.enabled && e.deliveries.some((d) => d.status === "pending"));
  useEffect(() => {
    if (!inFlight) return;
    const timer = setInterval(() => router.refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [inFlight, router]);
  const disabledForFailing = endpoints.filter((e) => !e.enabled && e.disabledReason && e.disabledReason !== "Disabled by hand.");

  return (
    <div className="webhook-panel">
      {disabledForFailing.length > 0 && (
        <div className="alert alert-error" role="alert" data-testid="webhook-disabled-notice">
          {disabledForFailing.length === 1 ? "A webhook endpoint was" : `${disabledForFailing.length} webhook endpoints were`} disabled after failing for 24 hours:{" "}
          {disabledForFailing.map((e) => e.url).join(", ")}. Fix the receiver, then enable it again.
        </div>
      )}
      <p className="muted">
        Each delivery is a POST signed per Standard Webhooks (<code>webhook-id</code>, <code>webhook-timestamp</code>, <code>webhook-signature</code>); failures are
        retried for 24 hours.
      </p>
      <CreateWebhookForm roomId={roomId} events={events} create={actions.create} />
      {endpoints.length === 0 ? <p className="muted">No endpoints yet.</p> : endpoints.map((e) => <EndpointCard key={e.id} endpoint={e} actions={actions} />)}
    </div>
  );
}
