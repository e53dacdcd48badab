"use client";

import { TableScroll } from "../ui/table-scroll";
import type { DeliveryRow } from "./types";

const formatter = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium" });
const date = (iso: string) => formatter.format(new Date(iso));

const STATUS_BADGE: Record<string, string> = { succeeded: "badge-ok", failed: "badge-danger", dead: "badge-danger", pending: "" };

/** An endpoint's latest deliveries, each with its outcome and a Redeliver button. */
export function DeliveryTable({ deliveries, busy, redeliver }: { deliveries: DeliveryRow[]; busy: boolean; redeliver: (deliveryId: string) => void }) {
  if (deliveries.length === 0) return <p className="muted">No deliveries yet.</p>;
  return (
    <TableScroll label="Webhook deliveries" className="table-wrap webhook-deliveries">
      <table aria-label="Webhook deliveries">
        <thead>
          <tr>
            <th>Event</th>
            <th>Status</th>
            <th>Response</th>
            <th>Attempts</th>
            <th>Time</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d) => (
            <tr key={d.id} data-delivery-status={d.status} data-event-type={d.type}>
              <td>
                <code>{d.type}</code>
              </td>
              <td>
                <span className={`badge ${STATUS_BADGE[d.status] ?? ""}`}>{d.status}</span>
                {d.status === "failed" && <span className="muted"> · next {date(d.nextAttemptAt)}</span>}
              </td>
              <td className="muted" title={d.lastError ?? undefined}>
                {d.responseCode ?? (d.lastError ? "no answer" : "–")}
                {d.durationMs !== null && ` · ${d.durationMs} ms`}
                {d.lastError && <div className="webhook-error">{d.lastError}</div>}
              </td>
              <td>{d.attempts}</td>
              <td className="muted">{date(d.lastAttemptAt ?? d.createdAt)}</td>
              <td>
                <button type="button" className="btn btn-small btn-secondary" disabled={busy} onClick={() => redeliver(d.id)}>
                  Redeliver
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
