import { Counter, Histogram, type Metric } from "prom-client";
import { metricsRegistry } from "../../observability/metrics";

function single<T extends Metric>(name: string, create: () => T): T {
  return (metricsRegistry.getSingleMetric(name) as T | undefined) ?? create();
}

const registers = [metricsRegistry];

/** The ingestion worker's Prometheus metrics, on the shared registry. */
export const ingestMetrics = {
  jobs: single(
    "knowledge_ingestion_jobs_total",
    () => new Counter({ name: "knowledge_ingestion_jobs_total", help: "Ingestion jobs finished, by outcome", labelNames: ["outcome"], registers }),
  ),
  seconds: single(
    "knowledge_ingestion_seconds",
    () =>
      new Histogram({
        name: "knowledge_ingestion_seconds",
        help: "Time to process one document",
        buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
        registers,
      }),
  ),
};
