"use client";

import { useState, useTransition } from "react";
import { DeliveryTable } from "./delivery-table";
import { SecretNotice } from "./secret-notice";
import type { EndpointRow, SecretResult, WebhookActions } from "./types";

/** One endpoint: its events and state, its actions (test, rotate, enable/disable, delete) and its deliveries. */
export function EndpointCard({ endpoint, actions }: { endpoint: EndpointRow; actions: WebhookActions }) {
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [pending, startTransition] = useTransition();
  const ref = { endpointId: endpoint.id };

  function act(work: () => Promise<SecretResult>, done?: string) {
    setError(null);
    setNotice(null);
    startTransition(async () => {
      const result = await work();
      if (!result.ok) setError(result.message ?? "That did not work.");
      else {
        if (result.secret) setSecret(result.secret);
        if (done) setNotice(done);
      }
    });
  }

  return (
    <article className="webhook-endpoint" aria-label={`Webhook ${endpoint.url}`} data-endpoint-url={endpoint.url}>
      <header className="webhook-endpoint-head">
        <div>
          <code className="webhook-url">{endpoint.url}</code>
          {endpoint.description && <span className="muted"> · {endpoint.description}</span>}
          <div className="webhook-events">
            {endpoint.events.map((e) => (
              <span key={e} className="badge">
                {e}
              </span>
            ))}
            <span className={`badge ${endpoint.enabled ? "badge-ok" : "badge-danger"}`}>{endpoint.enabled ? "enabled" : "disabled"}</span>
          </div>
        </div>
        <div className="row-actions">
          <button type="button" className="btn btn-small btn-secondary" disabled={pending || !endpoint.enabled} onClick={() => act(() => actions.sendTest(ref), "Test event queued.")}>
            Send test event
          </button>
          <button type="button" className="btn btn-small btn-secondary" disabled={pending} onClick={() => act(() => actions.rotate(ref))}>
            Rotate secret
          </button>
          <button type="button" className="btn btn-small btn-secondary" disabled={pending} onClick={() => act(() => actions.setEnabled({ ...ref, enabled: !endpoint.enabled }))}>
            {endpoint.enabled ? "Disable" : "Enable"}
          </button>
          {confirmDelete ? (
            <>
              <button type="button" className="btn btn-small btn-danger" disabled={pending} onClick={() => act(() => actions.remove(ref))}>
                Delete endpoint
              </button>
              <button type="button" className="btn btn-small btn-secondary" onClick={() => setConfirmDelete(false)}>
                Keep
              </button>
            </>
          ) : (
            <button type="button" className="btn btn-small btn-secondary" onClick={() => setConfirmDelete(true)}>
              Delete…
            </button>
          )}
        </div>
      </header>
      {!endpoint.enabled && endpoint.disabledReason && (
        <div className="alert alert-error" role="alert">
          Disabled: {endpoint.disabledReason}
        </div>
      )}
      {secret && <SecretNotice title="The new signing secret" secret={secret} onDone={() => setSecret(null)} />}
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      {notice && (
        <p className="muted" role="status">
          {notice}
        </p>
      )}
      <DeliveryTable deliveries={endpoint.deliveries} busy={pending || !endpoint.enabled} redeliver={(deliveryId) => act(() => actions.redeliver({ ...ref, deliveryId }), "Delivery queued again.")} />
    </article>
  );
}
