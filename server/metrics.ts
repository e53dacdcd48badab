import { Counter, Gauge, Histogram, type Metric } from "prom-client";
import { metricsRegistry } from "../lib/observability/metrics";

/**
 * The sidecar's Prometheus metrics, on the shared registry. Looked up before creation because
 * tests start several sidecars in one process and prom-client refuses a second registration.
 */
function single<T extends Metric>(name: string, create: () => T): T {
  return (metricsRegistry.getSingleMetric(name) as T | undefined) ?? create();
}

const registers = [metricsRegistry];

export const sidecarMetrics = {
  connections: single(
    "collab_connections",
    () => new Gauge({ name: "collab_connections", help: "Open WebSocket connections by channel", labelNames: ["channel"], registers }),
  ),
  roomsLoaded: single(
    "collab_rooms_loaded",
    () => new Gauge({ name: "collab_rooms_loaded", help: "Room documents held in memory", registers }),
  ),
  updatesIn: single(
    "collab_updates_received_total",
    () => new Counter({ name: "collab_updates_received_total", help: "Document updates received by source", labelNames: ["source"], registers }),
  ),
  updatesOut: single(
    "collab_updates_sent_total",
    () => new Counter({ name: "collab_updates_sent_total", help: "Document update messages sent to clients", registers }),
  ),
  persistSeconds: single(
    "collab_persist_duration_seconds",
    () =>
      new Histogram({
        name: "collab_persist_duration_seconds",
        help: "Time to write one batch of updates to the database",
        buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
        registers,
      }),
  ),
  persistFailures: single(
    "collab_persist_failures_total",
    () => new Counter({ name: "collab_persist_failures_total", help: "Failed update batch writes (retried)", registers }),
  ),
  rejectedConnections: single(
    "collab_rejected_connections_total",
    () =>
      new Counter({ name: "collab_rejected_connections_total", help: "Connections refused at connect, by reason", labelNames: ["reason"], registers }),
  ),
  roomOps: single(
    "collab_room_ops_total",
    () => new Counter({ name: "collab_room_ops_total", help: "Room operations from the web app (POST /rooms/<id>/ops), by HTTP status", labelNames: ["status"], registers }),
  ),
  closedConnections: single(
    "collab_closed_connections_total",
    () =>
      new Counter({
        name: "collab_closed_connections_total",
        help: "Open connections the sidecar closed, by reason",
        labelNames: ["reason"],
        registers,
      }),
  ),
};
