import { Counter, Histogram } from "prom-client";
import { metricsRegistry } from "./metrics";

// Hot reload re-evaluates this module; reuse what the shared registry already holds.
const requests =
  (metricsRegistry.getSingleMetric("http_requests_total") as Counter<"method" | "route" | "status"> | undefined) ??
  new Counter({
    name: "http_requests_total",
    help: "HTTP API requests by method, route and status.",
    labelNames: ["method", "route", "status"],
    registers: [metricsRegistry],
  });

const duration =
  (metricsRegistry.getSingleMetric("http_request_duration_seconds") as Histogram<"method" | "route" | "status"> | undefined) ??
  new Histogram({
    name: "http_request_duration_seconds",
    help: "HTTP API request latency in seconds by method, route and status.",
    labelNames: ["method", "route", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [metricsRegistry],
  });

/**
 * The route label of a path: id-like segments (cuids, uuids, numbers, long tokens) become `:id`
 * so the label's cardinality stays bounded.
 */
export function routeLabel(path: string): string {
  return path
    .split("/")
    .map((s) => (/^\d+$|^[0-9a-f]{8}-[0-9a-f-]{27}$|^c[a-z0-9]{20,}$|^[A-Za-z0-9_-]{24,}$/i.test(s) ? ":id" : s))
    .join("/")
    .slice(0, 120);
}

export function observeHttpRequest(method: string, path: string, status: number, seconds: number): void {
  const labels = { method, route: routeLabel(path), status: String(status) };
  requests.inc(labels);
  duration.observe(labels, seconds);
}
