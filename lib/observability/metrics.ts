import { collectDefaultMetrics, Registry } from "prom-client";

/**
 * The process's Prometheus registry. Each module registers its own metrics on it with
 * `registers: [metricsRegistry]`; the web app serves it at /api/metrics, the sidecar at /metrics.
 */
const holder = globalThis as { __ecaMetrics?: Registry };

function createRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

export const metricsRegistry: Registry = (holder.__ecaMetrics ??= createRegistry());
